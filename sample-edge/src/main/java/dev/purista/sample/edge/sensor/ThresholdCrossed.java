package dev.purista.sample.edge.sensor;

/**
 * The payload of the {@value SensorService#THRESHOLD_CROSSED} event: a reading crossed the threshold.
 *
 * @param sensorId the sensor
 * @param sequence the sequence number of the reading that crossed it
 * @param value the reading's value
 * @param threshold the threshold
 * @param direction {@code above} when the value reached or passed the threshold from below, {@code below} when it
 * fell under it again
 */
public record ThresholdCrossed(String sensorId, long sequence, double value, double threshold, String direction) {
}
