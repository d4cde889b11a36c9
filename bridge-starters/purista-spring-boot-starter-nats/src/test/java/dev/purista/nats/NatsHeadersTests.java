package dev.purista.nats;

import java.util.HashMap;
import java.util.Map;

import io.nats.client.impl.Headers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.purista.core.message.Command;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.Messages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NatsHeaders#shared(Message)}: the read-only headers the bridge publishes are the ones
 * {@link NatsHeaders#of(Message)} builds, shared only between messages whose headers are equal.
 */
class NatsHeadersTests {

	private static final MessageAddress CALLER = MessageAddress.of("Gateway", "1", "call");

	private static final MessageAddress ECHO = MessageAddress.of("Echo", "1", "echo");

	@Test
	void sharedHeadersAreTheBuiltOnesReadOnly() {
		Command command = command("caller-1", null);
		Message response = Messages.success(command, "responder-1", "ok", null, null);

		Headers commandHeaders = NatsHeaders.shared(command);
		Headers responseHeaders = NatsHeaders.shared(response);

		assertThat(commandHeaders.isReadOnly()).isTrue();
		assertThat(entries(commandHeaders)).isEqualTo(entries(NatsHeaders.of(command)))
			.containsEntry("senderInstanceId", "caller-1");
		assertThat(entries(responseHeaders)).isEqualTo(entries(NatsHeaders.of(response)))
			.containsEntry(NatsHeaders.RECEIVER_INSTANCE_ID, "caller-1");
	}

	@Test
	void messagesWithEqualHeadersShareOneInstanceAndOthersGetTheirOwn() {
		Command first = command("caller-1", null);
		Command second = command("caller-1", null);
		Message toOne = Messages.success(first, "responder-1", "ok", null, null);
		Message toOther = Messages.success(command("caller-2", null), "responder-1", "ok", null, null);

		assertThat(NatsHeaders.shared(second)).isSameAs(NatsHeaders.shared(first));
		assertThat(entries(NatsHeaders.shared(toOther)))
			.as("responses to another caller instance carry that instance's id")
			.isEqualTo(entries(NatsHeaders.of(toOther)))
			.containsEntry(NatsHeaders.RECEIVER_INSTANCE_ID, "caller-2");
		assertThat(entries(NatsHeaders.shared(toOne))).containsEntry(NatsHeaders.RECEIVER_INSTANCE_ID, "caller-1");
	}

	@Test
	void messagesWithTraceContextCarryTheirOwnTraceHeaders() {
		Command first = command("caller-1", otp("0af7651916cd43dd8448eb211c80319c"));
		Command second = command("caller-1", otp("4bf92f3577b34da6a3ce929d0e0e4736"));

		Headers firstHeaders = NatsHeaders.shared(first);
		Headers secondHeaders = NatsHeaders.shared(second);

		assertThat(firstHeaders.isReadOnly()).isTrue();
		assertThat(entries(firstHeaders)).isEqualTo(entries(NatsHeaders.of(first)))
			.containsEntry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		assertThat(entries(secondHeaders)).isEqualTo(entries(NatsHeaders.of(second)))
			.containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01");
	}

	@Test
	void headersStayCorrectOnceMoreDistinctSetsWereSeenThanAreKept() {
		for (int i = 0; i <= NatsHeaders.SHARED_LIMIT + 10; i++) {
			Command command = command("caller-" + i, null);
			assertThat(entries(NatsHeaders.shared(command))).containsEntry("senderInstanceId", "caller-" + i);
		}
		Command again = command("caller-0", null);
		assertThat(entries(NatsHeaders.shared(again))).isEqualTo(entries(NatsHeaders.of(again)));
	}

	private static Command command(String callerInstance, @Nullable String otp) {
		return Messages.command(CALLER.withInstanceId(callerInstance), ECHO, "hi", null, null, null, null, otp);
	}

	private static String otp(String traceId) {
		return "{\"traceparent\":\"00-" + traceId + "-b7ad6b7169203331-01\"}";
	}

	/**
	 * The headers as a map; PURISTA's headers have one value each, so a second value fails the comparison.
	 */
	private static Map<String, String> entries(Headers headers) {
		Map<String, String> entries = new HashMap<>();
		headers.entrySet().forEach((entry) -> entries.put(entry.getKey(), String.join("|", entry.getValue())));
		return entries;
	}

}
