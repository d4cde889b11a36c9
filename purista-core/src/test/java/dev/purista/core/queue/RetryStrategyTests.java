package dev.purista.core.queue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RetryStrategy}: PURISTA's retry delay formula.
 */
class RetryStrategyTests {

	private final RetryStrategy defaults = RetryStrategy.defaults();

	@Test
	void defaultsArePuristasRetryStrategy() {
		assertThat(this.defaults.initialDelay()).isEqualTo(Duration.ofMillis(1000));
		assertThat(this.defaults.maxDelay()).isEqualTo(Duration.ofMillis(120_000));
		assertThat(this.defaults.multiplier()).isEqualTo(2);
		assertThat(this.defaults.jitterFactor()).isEqualTo(0.25);
	}

	@Test
	void computedDelayGrowsExponentiallyWithDeterministicJitter() {
		assertThat(delay(1)).isEqualTo(1250);
		assertThat(delay(2)).isEqualTo(2500);
		assertThat(delay(3)).isEqualTo(5000);
		assertThat(delay(6)).isEqualTo(40_000);
		assertThat(delay(7)).isEqualTo(80_000);
	}

	@Test
	void computedDelayIsCappedAtMaxDelayAfterJitter() {
		// 1000 * 2^6 = 64000 -> 80000 after jitter; 1000 * 2^7 = 128000 -> capped before and after jitter
		assertThat(delay(8)).isEqualTo(120_000);
		assertThat(delay(30)).isEqualTo(120_000);
		assertThat(delay(2000)).isEqualTo(120_000);
		// 100000 is under the cap before jitter, 125000 over it after
		RetryStrategy strategy = this.defaults.withInitialDelay(Duration.ofMillis(100_000));
		assertThat(strategy.computeRetryDelay(1, null)).isEqualTo(Duration.ofMillis(120_000));
	}

	@Test
	void attemptsBelowOneUseTheInitialDelay() {
		assertThat(delay(0)).isEqualTo(1250);
		assertThat(delay(-3)).isEqualTo(1250);
	}

	@Test
	void computedDelayIsRoundedToWholeMilliseconds() {
		RetryStrategy strategy = new RetryStrategy(Duration.ofMillis(3), Duration.ofSeconds(1), 1.5, 0.25);
		// 3 * 1.5 = 4.5 -> 5.625 -> 6
		assertThat(strategy.computeRetryDelay(2, null)).isEqualTo(Duration.ofMillis(6));
		// 3 -> 3.75 -> 4
		assertThat(strategy.computeRetryDelay(1, null)).isEqualTo(Duration.ofMillis(4));
	}

	@Test
	void requestedDelayWinsClampedToZeroAndMaxDelay() {
		assertThat(this.defaults.computeRetryDelay(1, Duration.ofMillis(300))).isEqualTo(Duration.ofMillis(300));
		assertThat(this.defaults.computeRetryDelay(9, Duration.ZERO)).isEqualTo(Duration.ZERO);
		assertThat(this.defaults.computeRetryDelay(1, Duration.ofMillis(-5))).isEqualTo(Duration.ZERO);
		assertThat(this.defaults.computeRetryDelay(1, Duration.ofMinutes(10))).isEqualTo(Duration.ofMillis(120_000));
	}

	@Test
	void invalidSettingsAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryStrategy(Duration.ofMillis(-1), Duration.ofSeconds(1), 2, 0.25));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryStrategy(Duration.ofMillis(1), Duration.ofSeconds(1), 0, 0.25));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryStrategy(Duration.ofMillis(1), Duration.ofSeconds(1), 2, -0.1));
	}

	private long delay(int attempt) {
		return this.defaults.computeRetryDelay(attempt, null).toMillis();
	}

}
