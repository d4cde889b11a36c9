package dev.purista.core.queue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.purista.core.annotation.QueueWorker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link QueueLifecycle}.
 */
class QueueLifecycleTests {

	@Test
	void defaultsArePuristasDefaultQueueLifecycleConfigWithShortLeasesKeptAliveByHeartbeats() {
		QueueLifecycle lifecycle = QueueLifecycle.defaults();
		assertThat(lifecycle.visibilityTimeout()).as("a dead worker's job is leased again within a minute")
			.isEqualTo(Duration.ofSeconds(30))
			.isLessThanOrEqualTo(Duration.ofSeconds(60));
		assertThat(lifecycle.maxLeaseExtensions()).as("extended as long as the handler runs")
			.isEqualTo(Integer.MAX_VALUE);
		assertThat(lifecycle.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
		assertThat(lifecycle.effectiveHeartbeatInterval()).isEqualTo(lifecycle.visibilityTimeout().dividedBy(3));
		assertThat(lifecycle.retryWindow()).isEqualTo(Duration.ofMillis(86_400_000));
		assertThat(lifecycle.autoHeartbeat()).isTrue();
		assertThat(lifecycle.maxAttempts()).isEqualTo(10);
		assertThat(lifecycle.retryStrategy()).isEqualTo(RetryStrategy.defaults());
	}

	@Test
	void heartbeatsComeAtLeastEveryThirdOfTheVisibilityTimeout() {
		assertThat(QueueLifecycle.defaults().withVisibilityTimeout(Duration.ofSeconds(6)).effectiveHeartbeatInterval())
			.isEqualTo(Duration.ofSeconds(2));
		assertThat(QueueLifecycle.defaults()
			.withVisibilityTimeout(Duration.ofMinutes(15))
			.withHeartbeatInterval(Duration.ofMinutes(5))
			.effectiveHeartbeatInterval()).isEqualTo(Duration.ofMinutes(5));
		assertThat(QueueLifecycle.defaults().withVisibilityTimeout(Duration.ofMillis(2)).effectiveHeartbeatInterval())
			.isEqualTo(Duration.ofMillis(1));
	}

	@Test
	void annotatedQueueWorkersDefaultToTheSameShortLease() throws NoSuchMethodException {
		Object visibilityTimeoutMs = QueueWorker.class.getMethod("visibilityTimeoutMs").getDefaultValue();
		assertThat(visibilityTimeoutMs).isEqualTo(QueueLifecycle.DEFAULT_VISIBILITY_TIMEOUT.toMillis());
	}

	@Test
	void withersChangeOneSetting() {
		QueueLifecycle lifecycle = QueueLifecycle.defaults().withMaxAttempts(3).withAutoHeartbeat(false);
		assertThat(lifecycle.maxAttempts()).isEqualTo(3);
		assertThat(lifecycle.autoHeartbeat()).isFalse();
		assertThat(lifecycle.withMaxAttempts(10).withAutoHeartbeat(true)).isEqualTo(QueueLifecycle.defaults());
	}

	@Test
	void invalidSettingsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> QueueLifecycle.defaults().withMaxAttempts(0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> QueueLifecycle.defaults().withHeartbeatInterval(Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> QueueLifecycle.defaults().withVisibilityTimeout(Duration.ofSeconds(-1)));
	}

}
