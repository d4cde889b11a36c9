package dev.purista.sample.edge.sensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.purista.core.annotation.Command;
import dev.purista.core.annotation.Event;
import dev.purista.core.annotation.PuristaService;
import dev.purista.core.annotation.QueueWorker;
import dev.purista.core.error.HandledException;
import dev.purista.core.service.CommandContext;
import dev.purista.core.service.QueueWorkerContext;

/**
 * The sensor service of an edge device. {@code recordReading} (invoked by {@link SensorReader}, or by any other
 * PURISTA instance) keeps the latest reading of a sensor in the state store, emits
 * {@value #THRESHOLD_CROSSED} when a reading crosses the threshold, and collects readings until a batch is full,
 * which it enqueues on {@value #UPLOAD_QUEUE}; the queue's worker hands the batch to the {@link ReadingUploader}
 * and records an {@link UploadReceipt}. {@code readCurrent} answers the latest reading.
 * <p>
 * State keys: {@code current:<sensorId>} ({@link Reading}), {@code pending:<sensorId>} ({@link PendingReadings}),
 * {@code upload:<batchId>} ({@link UploadReceipt}). The service expects one reader per sensor: readings of one
 * sensor are recorded one after the other ({@code recordReading} is synchronized within the process).
 */
@PuristaService(name = "Sensor", version = "1", description = "records sensor readings and uploads them in batches")
public class SensorService {

	/** The event emitted when a reading crosses the threshold. */
	public static final String THRESHOLD_CROSSED = "thresholdCrossed";

	/** The queue of batches to upload. */
	public static final String UPLOAD_QUEUE = "reading-upload";

	private final double threshold;

	private final int batchSize;

	private final ReadingUploader uploader;

	/**
	 * Create the service.
	 * @param threshold the value whose crossing emits {@value #THRESHOLD_CROSSED}
	 * @param batchSize how many readings go into one upload job
	 * @param uploader what uploads the batches
	 */
	public SensorService(double threshold, int batchSize, ReadingUploader uploader) {
		if (batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
		}
		this.threshold = threshold;
		this.batchSize = batchSize;
		this.uploader = uploader;
	}

	/**
	 * Record a reading: keep it as the current one, emit {@value #THRESHOLD_CROSSED} when it crosses the threshold
	 * compared with the previous reading (the first reading crosses when it is at or above), enqueue a batch when
	 * enough readings are pending.
	 * @param reading the reading
	 * @param context the command context
	 * @return the reading as recorded
	 */
	@Command(description = "records a reading of a sensor",
			emits = @Event(name = THRESHOLD_CROSSED, payload = ThresholdCrossed.class))
	public synchronized Reading recordReading(Reading reading, CommandContext context) {
		Reading previous = context.getState(currentKey(reading.sensorId()), Reading.class);
		context.states().setState(currentKey(reading.sensorId()), reading);
		boolean wasAbove = previous != null && previous.value() >= this.threshold;
		boolean isAbove = reading.value() >= this.threshold;
		if (wasAbove != isAbove) {
			context.emit(THRESHOLD_CROSSED, new ThresholdCrossed(reading.sensorId(), reading.sequence(),
					reading.value(), this.threshold, isAbove ? "above" : "below"));
		}
		PendingReadings pending = context.getState(pendingKey(reading.sensorId()), PendingReadings.class);
		List<Reading> readings = new ArrayList<>((pending != null) ? pending.readings() : List.of());
		readings.add(reading);
		if (readings.size() >= this.batchSize) {
			Reading first = readings.get(0);
			String batchId = first.sensorId() + "-" + first.readAt() + "-" + first.sequence();
			context.enqueue(UPLOAD_QUEUE, new ReadingBatch(batchId, reading.sensorId(), readings));
			readings = List.of();
		}
		context.states().setState(pendingKey(reading.sensorId()), new PendingReadings(readings));
		return reading;
	}

	/**
	 * Read the latest reading of a sensor.
	 * @param sensor the sensor
	 * @param context the command context
	 * @return the latest reading
	 * @throws HandledException 404 when the sensor has no reading yet
	 */
	@Command(description = "reads the latest reading of a sensor")
	public Reading readCurrent(SensorRef sensor, CommandContext context) {
		Reading current = context.getState(currentKey(sensor.sensorId()), Reading.class);
		if (current == null) {
			throw new HandledException(404, "no reading of this sensor yet", Map.of("sensorId", sensor.sensorId()));
		}
		return current;
	}

	/**
	 * Upload a batch and record its receipt.
	 * @param batch the batch
	 * @param context the worker context
	 * @throws Exception when the upload failed (the job is retried)
	 */
	@QueueWorker(queue = UPLOAD_QUEUE, maxAttempts = 5)
	public void uploadBatch(ReadingBatch batch, QueueWorkerContext context) throws Exception {
		this.uploader.upload(batch);
		context.states().setState(uploadKey(batch.batchId()), new UploadReceipt(batch.batchId(), batch.sensorId(),
				batch.readings().size(), context.job().attempt()));
	}

	/**
	 * The state key of a sensor's latest reading.
	 * @param sensorId the sensor
	 * @return the key
	 */
	public static String currentKey(String sensorId) {
		return "current:" + sensorId;
	}

	/**
	 * The state key of a sensor's readings not yet in a batch.
	 * @param sensorId the sensor
	 * @return the key
	 */
	public static String pendingKey(String sensorId) {
		return "pending:" + sensorId;
	}

	/**
	 * The state key of a batch's upload receipt.
	 * @param batchId the batch
	 * @return the key
	 */
	public static String uploadKey(String batchId) {
		return "upload:" + batchId;
	}

	/**
	 * The readings of a sensor not yet in a batch.
	 *
	 * @param readings the readings in the order they were read
	 */
	public record PendingReadings(List<Reading> readings) {
	}

}
