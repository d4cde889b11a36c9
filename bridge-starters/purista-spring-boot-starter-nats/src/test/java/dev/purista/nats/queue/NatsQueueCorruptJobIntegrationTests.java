package dev.purista.nats.queue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.QueueHeaders;
import dev.purista.core.queue.QueueLease;
import dev.purista.nats.NatsTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input on a queue's pending and scheduled streams (bytes that are not JSON, JSON that is not a PURISTA job),
 * published by a plain jnats client: each message is moved as it is to the queue's dead-letter stream with the
 * NATS header {@value QueueHeaders#DEAD_LETTER_REASON}: {@value NatsQueueBridge#REASON_CORRUPT_JOB}, logged once,
 * and the lease call goes on to lease the good job behind it, on the same consumer.
 */
@ExtendWith(OutputCaptureExtension.class)
class NatsQueueCorruptJobIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private static NatsTestSupport nats;

	private final MessageCodec codec = new MessageCodec();

	private Connection peer;

	private NatsQueueBridge bridge;

	private String queue = "";

	@BeforeAll
	static void findServer() {
		nats = new NatsTestSupport();
	}

	@BeforeEach
	void connect() {
		this.queue = "corrupt-" + UUID.randomUUID().toString().substring(0, 8);
		this.peer = nats.connect();
		this.bridge = new NatsQueueBridge(nats.options(), this.codec);
		this.bridge.start();
	}

	@AfterEach
	void close() throws InterruptedException {
		this.bridge.destroy();
		this.peer.close();
	}

	@ParameterizedTest(name = "{0} on the {1} stream")
	@CsvSource(delimiter = '|', value = { "not json|pending", "{\"hello\":\"world\"}|pending",
			"not json|scheduled", "{\"hello\":\"world\"}|scheduled" })
	void badInputIsDeadLetteredAsCorruptJobLoggedOnceAndTheNextJobIsLeased(String bad, String stream,
			CapturedOutput output) throws Exception {
		NatsQueueNames names = this.bridge.names();
		assertThat(this.bridge.metrics(this.queue).pending()).isZero();
		String subject = "pending".equals(stream) ? names.pendingSubject(this.queue)
				: names.scheduledSubject(this.queue);
		this.peer.jetStream().publish(subject, bad.getBytes(StandardCharsets.UTF_8));
		long due = System.currentTimeMillis() + 300;
		String good = this.bridge
			.enqueue("pending".equals(stream) ? EnqueueRequest.of(this.queue, Map.of("n", 1))
					: EnqueueRequest.of(this.queue, Map.of("n", 1)).withScheduledAt(due))
			.jobId();

		QueueLease lease = this.bridge.leaseNext(this.queue, PATIENCE);

		assertThat(lease).isNotNull();
		assertThat(lease.id()).isEqualTo(good);
		this.bridge.ack(this.queue, lease.leaseId());
		List<MessageInfo> deadLetters = deadLetters(names);
		assertThat(deadLetters).hasSize(1);
		assertThat(new String(deadLetters.get(0).getData(), StandardCharsets.UTF_8)).isEqualTo(bad);
		assertThat(deadLetters.get(0).getHeaders().getFirst(QueueHeaders.DEAD_LETTER_REASON))
			.isEqualTo(NatsQueueBridge.REASON_CORRUPT_JOB);
		assertThat(this.bridge.leaseNext(this.queue, Duration.ofMillis(300))).isNull();
		assertThat(this.bridge.metrics(this.queue).pending()).isZero();
		assertThat(this.bridge.metrics(this.queue).inflight()).isZero();
		String warning = "is not a PURISTA job; moved to '" + names.deadLetterSubject(this.queue) + "'";
		assertThat(output.getOut().split("\n")).filteredOn((line) -> line.contains(warning)).hasSize(1);
	}

	private List<MessageInfo> deadLetters(NatsQueueNames names) throws Exception {
		JetStreamManagement jsm = this.peer.jetStreamManagement();
		StreamInfo info = jsm.getStreamInfo(names.deadLetterStream(this.queue));
		List<MessageInfo> messages = new ArrayList<>();
		long last = info.getStreamState().getLastSequence();
		for (long seq = info.getStreamState().getFirstSequence(); seq <= last; seq++) {
			messages.add(jsm.getMessage(names.deadLetterStream(this.queue), seq));
		}
		return messages;
	}

}
