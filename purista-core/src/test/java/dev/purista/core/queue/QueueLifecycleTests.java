package dev.purista.core.queue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link QueueLifecycle}.
 */
class QueueLifecycleTests {

	@Test
	void defaultsArePuristasDefaultQueueLifecycleConfig() {
		QueueLifecycle lifecycle = QueueLifecycle.defaults();
		assertThat(lifecycle.visibilityTimeout()).isEqualTo(Duration.ofMillis(900_000));
		assertThat(lifecycle.maxLeaseExtensions()).isEqualTo(3);
		assertThat(lifecycle.heartbeatInterval()).isEqualTo(Duration.ofMillis(300_000));
		assertThat(lifecycle.retryWindow()).isEqualTo(Duration.ofMillis(86_400_000));
		assertThat(lifecycle.autoHeartbeat()).isTrue();
		assertThat(lifecycle.maxAttempts()).isEqualTo(10);
		assertThat(lifecycle.retryStrategy()).isEqualTo(RetryStrategy.defaults());
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
