package dev.purista.sample.edge.sensor;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * One reading of a sensor.
 *
 * @param sensorId the sensor
 * @param sequence the number of the reading, counted up by the reader from 0
 * @param value the measured value
 * @param readAt when it was read, epoch milliseconds
 */
public record Reading(@NotBlank String sensorId, @PositiveOrZero long sequence, double value, long readAt) {
}
