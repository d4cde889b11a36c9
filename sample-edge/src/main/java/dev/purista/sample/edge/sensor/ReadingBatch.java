package dev.purista.sample.edge.sensor;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

/**
 * Readings to upload together: the payload of a job on the {@value SensorService#UPLOAD_QUEUE} queue.
 *
 * @param batchId the batch, unique per sensor and first reading
 * @param sensorId the sensor
 * @param readings the readings in the order they were read
 */
public record ReadingBatch(@NotBlank String batchId, @NotBlank String sensorId, @NotEmpty List<Reading> readings) {
}
