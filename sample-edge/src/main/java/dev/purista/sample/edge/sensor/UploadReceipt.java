package dev.purista.sample.edge.sensor;

/**
 * What the upload worker records in the state store under {@code upload:<batchId>} once a batch is uploaded.
 *
 * @param batchId the batch
 * @param sensorId the sensor
 * @param readings how many readings it held
 * @param attempt the attempt that uploaded it (1 for the first)
 */
public record UploadReceipt(String batchId, String sensorId, int readings, int attempt) {
}
