package dev.purista.sample.edge;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.purista.boot.autoconfigure.PuristaServices;
import dev.purista.core.annotation.PuristaService;
import dev.purista.core.annotation.Subscription;
import dev.purista.core.error.StatusException;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.service.Identity;
import dev.purista.core.service.PuristaInvoker;
import dev.purista.core.service.SubscriptionContext;
import dev.purista.sample.edge.sensor.Reading;
import dev.purista.sample.edge.sensor.ReadingUploader;
import dev.purista.sample.edge.sensor.SensorRef;
import dev.purista.sample.edge.sensor.SensorService;
import dev.purista.sample.edge.sensor.ThresholdCrossed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The sensor service's rules on the local preset (everything in memory, no broker): readings are recorded through
 * {@code Sensor.recordReading} by a caller instead of the scheduled reader (off), threshold events are watched by a
 * subscription of a test service, batches by a recording uploader.
 */
@SpringBootTest(properties = { "sample.edge.reader-enabled=false", "sample.edge.health.enabled=false",
		"sample.edge.threshold=30", "sample.edge.batch-size=2" })
class SampleEdgeApplicationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	private PuristaServices services;

	@Autowired
	private ThresholdWatcher watcher;

	@Autowired
	private RecordingReadingUploader uploader;

	@Test
	void aFirstReadingAtTheThresholdCrossesItAndFallingUnderItCrossesBack() throws Exception {
		record("at", 0, 30.0);
		record("at", 1, 31.0);
		record("at", 2, 29.99);

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.watcher.crossings("at")).hasSize(2));
		assertThat(this.watcher.crossings("at")).extracting(ThresholdCrossed::sequence, ThresholdCrossed::direction)
			.as("subscriptions are handled concurrently: in any order")
			.containsExactlyInAnyOrder(tuple(0L, "above"), tuple(2L, "below"));
	}

	@Test
	void readingsUnderTheThresholdCrossNothingAndFullBatchesAreUploadedInOrder() throws Exception {
		for (int i = 0; i < 5; i++) {
			record("low", i, 10.0 + i);
		}

		await().atMost(TIMEOUT).until(() -> this.uploader.uploaded().stream()
			.filter((batch) -> batch.sensorId().equals("low")).count() == 2);
		assertThat(this.uploader.uploaded().stream().filter((batch) -> batch.sensorId().equals("low")))
			.extracting((batch) -> batch.readings().stream().map(Reading::sequence).toList())
			.containsExactly(List.of(0L, 1L), List.of(2L, 3L));
		assertThat(this.watcher.crossings("low")).isEmpty();
	}

	@Test
	void readCurrentAnswersTheLatestReadingAnd404ForASensorWithoutOne() throws Exception {
		record("current", 0, 12.5);
		record("current", 1, 13.5);

		Reading current = invoke("readCurrent", new SensorRef("current"), Reading.class);
		assertThat(current.sequence()).isEqualTo(1);
		assertThat(current.value()).isEqualTo(13.5);
		Throwable unknown = catchThrowable(() -> invoke("readCurrent", new SensorRef("nobody"), Reading.class));
		assertThat(unknown).isInstanceOf(ExecutionException.class);
		assertThat(unknown.getCause()).isInstanceOfSatisfying(StatusException.class,
				(ex) -> assertThat(ex.getStatus()).isEqualTo(404));
	}

	@Test
	void aReadingWithoutASensorIdIsRefusedWith400() {
		Throwable invalid = catchThrowable(() -> record(" ", 0, 1.0));
		assertThat(invalid.getCause()).isInstanceOfSatisfying(StatusException.class,
				(ex) -> assertThat(ex.getStatus()).isEqualTo(400));
	}

	private void record(String sensorId, long sequence, double value) throws Exception {
		invoke("recordReading", new Reading(sensorId, sequence, value, 1_000 + sequence), Reading.class);
	}

	private <R> R invoke(String command, Object payload, Class<R> resultType) throws Exception {
		PuristaInvoker invoker = new PuristaInvoker(this.services.environment(),
				MessageAddress.of("Test", "1", "test"));
		return invoker.<R>invoke(MessageAddress.of("Sensor", "1", command), payload, null, resultType, null,
				Identity.NONE).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Watching {

		@Bean
		ThresholdWatcher thresholdWatcher() {
			return new ThresholdWatcher();
		}

		@Bean
		RecordingReadingUploader recordingReadingUploader() {
			return new RecordingReadingUploader();
		}

	}

	/**
	 * Collects every {@value SensorService#THRESHOLD_CROSSED} event.
	 */
	@PuristaService(name = "ThresholdWatcher", version = "1")
	static class ThresholdWatcher {

		private final List<ThresholdCrossed> crossings = new CopyOnWriteArrayList<>();

		@Subscription(event = SensorService.THRESHOLD_CROSSED)
		public void crossed(ThresholdCrossed crossing, SubscriptionContext context) {
			this.crossings.add(crossing);
		}

		List<ThresholdCrossed> crossings(String sensorId) {
			return this.crossings.stream().filter((crossing) -> crossing.sensorId().equals(sensorId)).toList();
		}

	}

}
