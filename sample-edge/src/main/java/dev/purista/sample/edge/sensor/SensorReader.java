package dev.purista.sample.edge.sensor;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

import dev.purista.boot.autoconfigure.PuristaLifecyclePhases;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.service.Identity;
import dev.purista.core.service.PuristaInvoker;

/**
 * Reads the {@link SensorSource} at a fixed delay on one daemon thread and records every reading through
 * {@code Sensor.recordReading}, invoked over the event bridge like any other caller would, waiting for each
 * answer before the next reading (readings of a sensor never overlap). A failed recording is logged and the reader
 * carries on. Starts after PURISTA's services and stops before them.
 */
public class SensorReader implements SmartLifecycle {

	/** The address readings are recorded from. */
	public static final MessageAddress SENDER = MessageAddress.of("SensorReader", "1", "read");

	/** The command readings are recorded with. */
	public static final MessageAddress RECORD_READING = MessageAddress.of("Sensor", "1", "recordReading");

	private static final Log logger = LogFactory.getLog(SensorReader.class);

	private final PuristaInvoker invoker;

	private final SensorSource source;

	private final String sensorId;

	private final Duration interval;

	private final AtomicLong sequence = new AtomicLong();

	private volatile @Nullable ScheduledExecutorService scheduler;

	/**
	 * Create a reader.
	 * @param invoker the invoker recordings are sent through
	 * @param source the sensor
	 * @param sensorId the id the readings carry
	 * @param interval the delay between the end of one recording and the next reading
	 */
	public SensorReader(PuristaInvoker invoker, SensorSource source, String sensorId, Duration interval) {
		this.invoker = invoker;
		this.source = source;
		this.sensorId = sensorId;
		this.interval = interval;
	}

	@Override
	public void start() {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "sensor-reader");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(this::readAndRecord, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		this.scheduler = scheduler;
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler != null) {
			scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	@Override
	public int getPhase() {
		return PuristaLifecyclePhases.SERVICES + 512;
	}

	/**
	 * How many readings were taken so far.
	 * @return the count
	 */
	public long readings() {
		return this.sequence.get();
	}

	private void readAndRecord() {
		try {
			Reading reading = new Reading(this.sensorId, this.sequence.getAndIncrement(), this.source.read(),
					System.currentTimeMillis());
			CompletableFuture<Reading> recorded = this.invoker.invoke(RECORD_READING, reading, null, Reading.class,
					null, Identity.NONE);
			recorded.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn("Recording a reading of " + this.sensorId + " failed: " + ex.getMessage());
		}
	}

}
