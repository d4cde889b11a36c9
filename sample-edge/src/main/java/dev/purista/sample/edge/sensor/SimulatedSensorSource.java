package dev.purista.sample.edge.sensor;

import java.util.Random;

/**
 * A simulated temperature sensor: a sine wave around a base value with seeded noise, so the same seed gives the
 * same readings. The default source of the sample; a device declares a {@link SensorSource} bean of its own.
 */
public class SimulatedSensorSource implements SensorSource {

	private final double base;

	private final double amplitude;

	private final int period;

	private final Random noise;

	private int step;

	/**
	 * Create a source.
	 * @param base the value the wave swings around
	 * @param amplitude how far it swings
	 * @param period readings per full wave
	 * @param seed the seed of the noise (at most 5 % of the amplitude)
	 */
	public SimulatedSensorSource(double base, double amplitude, int period, long seed) {
		this.base = base;
		this.amplitude = amplitude;
		this.period = Math.max(1, period);
		this.noise = new Random(seed);
	}

	@Override
	public synchronized double read() {
		double angle = 2 * Math.PI * (this.step++ % this.period) / this.period;
		double value = this.base + this.amplitude * Math.sin(angle)
				+ this.amplitude * 0.05 * (this.noise.nextDouble() * 2 - 1);
		return Math.round(value * 100) / 100.0;
	}

}
