package dev.purista.sample.edge;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.purista.sample.edge.sensor.SensorSource;

/**
 * A sensor for the tests: answers the given values in order, then the last one forever.
 */
final class ScriptedSensorSource implements SensorSource {

	private final List<Double> values;

	private final AtomicInteger next = new AtomicInteger();

	ScriptedSensorSource(Double... values) {
		this.values = List.of(values);
	}

	@Override
	public double read() {
		return this.values.get(Math.min(this.next.getAndIncrement(), this.values.size() - 1));
	}

}
