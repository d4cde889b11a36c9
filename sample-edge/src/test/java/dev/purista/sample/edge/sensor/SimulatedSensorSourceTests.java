package dev.purista.sample.edge.sensor;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated sensor: deterministic for a seed, within its swing.
 */
class SimulatedSensorSourceTests {

	@Test
	void theSameSeedGivesTheSameReadingsAndAnotherSeedOthers() {
		assertThat(readings(new SimulatedSensorSource(25, 10, 12, 7), 24))
			.isEqualTo(readings(new SimulatedSensorSource(25, 10, 12, 7), 24))
			.isNotEqualTo(readings(new SimulatedSensorSource(25, 10, 12, 8), 24));
	}

	@Test
	void readingsSwingAroundTheBaseWithinTheAmplitudeAndTheNoise() {
		List<Double> readings = readings(new SimulatedSensorSource(25, 10, 12, 7), 24);

		assertThat(readings).allSatisfy((value) -> assertThat(value).isBetween(14.5, 35.5));
		assertThat(readings.get(3)).as("a quarter wave: the top").isGreaterThan(34.0);
		assertThat(readings.get(9)).as("three quarters: the bottom").isLessThan(16.0);
	}

	private static List<Double> readings(SensorSource source, int count) {
		return IntStream.range(0, count).mapToObj((i) -> source.read()).toList();
	}

}
