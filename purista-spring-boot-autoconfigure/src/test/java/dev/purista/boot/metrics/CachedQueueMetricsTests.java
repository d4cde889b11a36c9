package dev.purista.boot.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.purista.core.queue.QueueInspection;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.QueueMetrics;

import static org.assertj.core.api.Assertions.assertThat;

class CachedQueueMetricsTests {

	private static final Duration TTL = Duration.ofSeconds(1);

	private final AtomicLong nanos = new AtomicLong();

	private final AtomicInteger calls = new AtomicInteger();

	@Test
	void readsWithinTheTimeToLiveShareOneBridgeCall() {
		CachedQueueMetrics cached = new CachedQueueMetrics(counting(false), "InMemoryQueueBridge", "mails", TTL, this.nanos::get);
		assertThat(cached.get()).isEqualTo(new QueueMetrics(1, 0, 0, 0, null));
		this.nanos.addAndGet(TTL.toNanos() - 1);
		assertThat(cached.get()).isEqualTo(new QueueMetrics(1, 0, 0, 0, null));
		assertThat(this.calls).hasValue(1);
	}

	@Test
	void readAfterTheTimeToLiveAsksTheBridgeAgain() {
		CachedQueueMetrics cached = new CachedQueueMetrics(counting(false), "InMemoryQueueBridge", "mails", TTL, this.nanos::get);
		cached.get();
		this.nanos.addAndGet(TTL.toNanos());
		assertThat(cached.get()).isEqualTo(new QueueMetrics(2, 0, 0, 0, null));
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void failedReadIsNullAndRememberedForTheTimeToLive() {
		CachedQueueMetrics cached = new CachedQueueMetrics(counting(true), "InMemoryQueueBridge", "mails", TTL, this.nanos::get);
		assertThat(cached.get()).isNull();
		assertThat(cached.get()).isNull();
		assertThat(this.calls).hasValue(1);
		this.nanos.addAndGet(TTL.toNanos());
		assertThat(cached.get()).isNull();
		assertThat(this.calls).hasValue(2);
	}

	private QueueInspection counting(boolean fail) {
		return new QueueInspection() {
			@Override
			public List<QueueLease> inspectLeases(String queueName, int limit) {
				return List.of();
			}

			@Override
			public QueueMetrics metrics(String queueName) {
				int call = CachedQueueMetricsTests.this.calls.incrementAndGet();
				if (fail) {
					throw new IllegalStateException("broker down");
				}
				return new QueueMetrics(call, 0, 0, 0, null);
			}
		};
	}

}
