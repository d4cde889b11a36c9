package dev.purista.sample.edge.sensor;

/**
 * Where readings come from: the device's sensor. Called by {@link SensorReader} on its own thread, one call at a
 * time.
 */
@FunctionalInterface
public interface SensorSource {

	/**
	 * Read the current value; may block for as long as the hardware takes.
	 * @return the value
	 */
	double read();

}
