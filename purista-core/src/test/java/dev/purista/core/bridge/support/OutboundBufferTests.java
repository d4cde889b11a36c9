package dev.purista.core.bridge.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.purista.core.bridge.OutboundBufferLimits;
import dev.purista.core.bridge.OutboundStatus;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundBufferTests {

	private final List<String> published = new CopyOnWriteArrayList<>();

	private final AtomicBoolean brokerUp = new AtomicBoolean();

	private final OutboundBuffer buffer = new OutboundBuffer(new OutboundBufferLimits(3, 100), "TestBridge 1");

	@Test
	void keepsPublicationsWithinTheBoundsAndCountsThem() {
		assertThat(this.buffer.offer(publication("a", 10))).isTrue();
		assertThat(this.buffer.offer(publication("b", 20))).isTrue();

		OutboundStatus status = this.buffer.status();
		assertThat(status.bufferedMessages()).isEqualTo(2);
		assertThat(status.bufferedBytes()).isEqualTo(30);
		assertThat(status.limits()).isEqualTo(new OutboundBufferLimits(3, 100));
		assertThat(this.buffer.isEmpty()).isFalse();
	}

	@Test
	void refusesWhatExceedsTheMessageBound() {
		for (String id : List.of("a", "b", "c")) {
			assertThat(this.buffer.offer(publication(id, 1))).isTrue();
		}

		assertThat(this.buffer.offer(publication("d", 1))).isFalse();

		assertThat(this.buffer.status().bufferedMessages()).isEqualTo(3);
		assertThat(this.buffer.status().rejected()).isEqualTo(1);
	}

	@Test
	void refusesWhatExceedsTheByteBoundButTakesWhatStillFits() {
		assertThat(this.buffer.offer(publication("a", 90))).isTrue();

		assertThat(this.buffer.offer(publication("big", 11))).isFalse();
		assertThat(this.buffer.offer(publication("small", 10))).isTrue();

		assertThat(this.buffer.status().bufferedBytes()).isEqualTo(100);
		assertThat(this.buffer.status().rejected()).isEqualTo(1);
	}

	@Test
	void flushPublishesInOrderAndEmptiesTheBuffer() {
		this.brokerUp.set(true);
		this.buffer.offer(publication("a", 10));
		this.buffer.offer(publication("b", 10));
		this.buffer.offer(publication("c", 10));

		assertThat(this.buffer.flush(this.brokerUp::get)).isEqualTo(3);

		assertThat(this.published).containsExactly("a", "b", "c");
		OutboundStatus status = this.buffer.status();
		assertThat(status.bufferedMessages()).isZero();
		assertThat(status.bufferedBytes()).isZero();
		assertThat(status.publishedAfterWaiting()).isEqualTo(3);
		assertThat(this.buffer.offer(publication("d", 100))).as("room again").isTrue();
	}

	@Test
	void flushStopsAtTheFirstFailureWhileDisconnectedAndKeepsTheRest() {
		this.buffer.offer(publication("a", 10));
		this.buffer.offer(publication("b", 10));

		for (int i = 0; i < OutboundBuffer.MAX_REFUSALS * 2; i++) {
			assertThat(this.buffer.flush(this.brokerUp::get)).isZero();
		}

		assertThat(this.published).isEmpty();
		assertThat(this.buffer.status().bufferedMessages()).isEqualTo(2);
		assertThat(this.buffer.status().failed()).isZero();
		this.brokerUp.set(true);
		assertThat(this.buffer.flush(this.brokerUp::get)).isEqualTo(2);
		assertThat(this.published).containsExactly("a", "b");
	}

	@Test
	void publicationRefusedRepeatedlyWhileConnectedIsGivenUpAndCounted() {
		this.brokerUp.set(true);
		this.buffer.offer(new TestPublication("poison", 10) {

			@Override
			public void publish() {
				throw new IllegalStateException("PRECONDITION_FAILED");
			}

		});
		this.buffer.offer(publication("b", 10));

		for (int i = 1; i < OutboundBuffer.MAX_REFUSALS; i++) {
			assertThat(this.buffer.flush(this.brokerUp::get)).isZero();
			assertThat(this.buffer.status().bufferedMessages()).isEqualTo(2);
		}
		assertThat(this.buffer.flush(this.brokerUp::get)).isEqualTo(1);

		assertThat(this.published).containsExactly("b");
		assertThat(this.buffer.status().failed()).isEqualTo(1);
		assertThat(this.buffer.status().bufferedMessages()).isZero();
	}

	@Test
	void discardDropsEverythingAndCountsItAsUnpublished() {
		this.buffer.offer(publication("a", 10));
		this.buffer.offer(publication("b", 15));

		assertThat(this.buffer.discard()).isEqualTo(2);

		OutboundStatus status = this.buffer.status();
		assertThat(status.bufferedMessages()).isZero();
		assertThat(status.bufferedBytes()).isZero();
		assertThat(status.unpublishedAtShutdown()).isEqualTo(2);
		this.brokerUp.set(true);
		assertThat(this.buffer.flush(this.brokerUp::get)).isZero();
		assertThat(this.published).isEmpty();
	}

	private TestPublication publication(String id, int size) {
		return new TestPublication(id, size);
	}

	private class TestPublication implements OutboundBuffer.Publication {

		private final String id;

		private final int size;

		TestPublication(String id, int size) {
			this.id = id;
			this.size = size;
		}

		@Override
		public String kind() {
			return "event";
		}

		@Override
		public String description() {
			return "event " + this.id;
		}

		@Override
		public int size() {
			return this.size;
		}

		@Override
		public void publish() {
			if (!OutboundBufferTests.this.brokerUp.get()) {
				throw new IllegalStateException("connection refused");
			}
			OutboundBufferTests.this.published.add(this.id);
		}

	}

}
