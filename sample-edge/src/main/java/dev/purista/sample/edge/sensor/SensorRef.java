package dev.purista.sample.edge.sensor;

import jakarta.validation.constraints.NotBlank;

/**
 * Names a sensor: the payload of {@code readCurrent}.
 *
 * @param sensorId the sensor
 */
public record SensorRef(@NotBlank String sensorId) {
}
