package dev.purista.core.message;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.purista.core.error.HandledException;
import dev.purista.core.error.PuristaException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MessageCodecCopyTests {

	private final MessageCodec codec = new MessageCodec();

	private final MessageAddress caller = new MessageAddress("Caller", "1", "test", "instance-a");

	private final MessageAddress target = MessageAddress.of("User", "1", "signUp");

	@Test
	void commandCopyEqualsFullRoundTripForManyPayloadShapes() {
		for (Object payload : payloads()) {
			Command command = Messages.command(this.caller, this.target, payload, Map.of("id", 42), "trace", "p",
					"t", "{\"traceparent\":\"00-x\"}");
			Message copy = this.codec.copy(command);
			assertThat(copy).as("payload %s", payload).isEqualTo(this.codec.decode(this.codec.encode(command)));
		}
	}

	@Test
	void successResponseCopyEqualsFullRoundTripForManyPayloadShapes() {
		Command command = Messages.command(this.caller, this.target, null, null, null, null, null, null);
		for (Object payload : payloads()) {
			CommandSuccessResponse response = Messages.success(command, "instance-b", payload, "userSignedUp", null);
			Message copy = this.codec.copy(response);
			assertThat(copy).as("payload %s", payload).isEqualTo(this.codec.decode(this.codec.encode(response)));
		}
	}

	@Test
	void messagesWithExtensionsAndErrorResponsesMakeTheFullRoundTrip() {
		Command command = Messages.command(this.caller, this.target, Map.of("a", 1), null, null, null, null, null);
		Command extended = new Command(MessageType.COMMAND, command.id(), command.timestamp(), command.contentType(),
				command.contentEncoding(), command.sender(), command.receiver(), command.correlationId(), null, null,
				null, null, null, command.payload(), Map.of("custom", List.of(1, 2)));
		assertThat(this.codec.copy(extended)).isEqualTo(this.codec.decode(this.codec.encode(extended)));
		CommandErrorResponse error = Messages.error(command, "instance-b",
				new HandledException(404, "not found", Map.of("id", 1), null), null);
		assertThat(this.codec.copy(error)).isEqualTo(this.codec.decode(this.codec.encode(error)));
	}

	@Test
	void copiedPayloadIsDetachedFromTheSentObject() {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("name", "Ada");
		Command copy = (Command) this.codec.copy(
				Messages.command(this.caller, this.target, payload, null, null, null, null, null));
		payload.put("name", "Grace");
		assertThat(copy.payload().payload()).isInstanceOf(JsonNode.class);
		assertThat(((JsonNode) copy.payload().payload()).get("name").asString()).isEqualTo("Ada");
	}

	@Test
	void payloadThatCannotBeWrittenFailsAsTheFullRoundTripDoes() {
		Command command = Messages.command(this.caller, this.target, new Unwritable("x"), null, null, null, null, null);
		assertThatExceptionOfType(PuristaException.class).isThrownBy(() -> this.codec.encode(command));
		assertThatExceptionOfType(PuristaException.class).isThrownBy(() -> this.codec.copy(command))
			.withMessageContaining(command.id())
			.withMessageContaining("cannot be written as JSON");
	}

	private static List<Object> payloads() {
		ObjectNode tree = JsonNodeFactory.instance.objectNode();
		tree.put("int", 1).put("long", Long.MAX_VALUE).put("double", 1.5).putNull("nothing");
		tree.putArray("list").add("x").add(2);
		List<Object> payloads = new ArrayList<>();
		payloads.add(new SignUp("ada@example.com", "Ada", 36));
		payloads.add(Map.of("big", new BigDecimal("12345678901234567890.123"), "huge",
				new BigInteger("123456789012345678901234567890")));
		payloads.add(new byte[] { 1, 2, 3 });
		payloads.add(Instant.ofEpochMilli(1_700_000_000_000L));
		payloads.add("text");
		payloads.add(7L);
		payloads.add(2.25f);
		payloads.add(true);
		payloads.add(List.of(1, "two", Map.of("three", 3)));
		payloads.add(tree);
		payloads.add(JsonNodeFactory.instance.nullNode());
		payloads.add(Map.of());
		return payloads;
	}

	record SignUp(String email, String name, int age) {

	}

	record Unwritable(String value) {

		@Override
		public String value() {
			throw new IllegalStateException("cannot be read");
		}

	}

}
