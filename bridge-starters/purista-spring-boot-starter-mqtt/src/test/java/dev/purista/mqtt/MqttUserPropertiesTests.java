package dev.purista.mqtt;

import java.util.Map;
import java.util.TreeMap;

import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import org.junit.jupiter.api.Test;

import dev.purista.core.message.Command;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.Messages;
import dev.purista.core.observation.TraceCarrier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MqttUserProperties}: TypeScript's broker headers as user properties, and the trace context of a received
 * {@code traceparent} user property taking precedence over the body's {@code otp}.
 */
class MqttUserPropertiesTests {

	private static final String BODY_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	private static final String PROPERTY_TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	@Test
	void commandCarriesSenderReceiverIdentityAndTraceFields() {
		Command command = Messages.command(new MessageAddress("Caller", "1", "callIt", "inst1"),
				new MessageAddress("Peer", "2", "echo", "peer1"), null, null, null, "user-1", "tenant-1",
				"{\"traceparent\":\"" + BODY_TRACEPARENT + "\",\"other\":\"x\"}");

		assertThat(map(MqttUserProperties.of(command))).containsOnly(Map.entry("messageType", "command"),
				Map.entry("senderServiceName", "Caller"), Map.entry("senderServiceVersion", "1"),
				Map.entry("senderServiceTarget", "callIt"), Map.entry("senderInstanceId", "inst1"),
				Map.entry("receiverServiceName", "Peer"), Map.entry("receiverServiceVersion", "2"),
				Map.entry("receiverServiceTarget", "echo"), Map.entry("receiverInstanceId", "peer1"),
				Map.entry("principalId", "user-1"), Map.entry("tenantId", "tenant-1"),
				Map.entry("traceparent", BODY_TRACEPARENT));
	}

	@Test
	void traceparentUserPropertyReplacesTheBodysTraceContext() {
		Message message = Messages.custom(MessageAddress.of("Emitter", "1", "emit"), "made", null, null, null, null,
				"{\"traceparent\":\"" + BODY_TRACEPARENT + "\"}");

		Message received = MqttUserProperties.withTraceContext(message, Mqtt5UserProperties.builder()
			.add("messageType", "customMessage")
			.add("traceparent", PROPERTY_TRACEPARENT)
			.add("tracestate", "purista=1")
			.build());

		assertThat(TraceCarrier.fromOtp(received.otp())).containsEntry("traceparent", PROPERTY_TRACEPARENT)
			.containsEntry("tracestate", "purista=1");
		assertThat(received.id()).isEqualTo(message.id());
	}

	@Test
	void withoutTraceparentPropertyOrWithTheSameOneTheMessageStaysAsDecoded() {
		Message message = Messages.custom(MessageAddress.of("Emitter", "1", "emit"), "made", null, null, null, null,
				"{\"traceparent\":\"" + BODY_TRACEPARENT + "\"}");

		assertThat(MqttUserProperties.withTraceContext(message, Mqtt5UserProperties.of())).isSameAs(message);
		assertThat(MqttUserProperties.withTraceContext(message,
				Mqtt5UserProperties.builder().add("tracestate", "a=1").build()))
			.isSameAs(message);
		assertThat(MqttUserProperties.withTraceContext(message,
				Mqtt5UserProperties.builder().add("traceparent", BODY_TRACEPARENT).build()))
			.isSameAs(message);
	}

	private static Map<String, String> map(Mqtt5UserProperties properties) {
		Map<String, String> map = new TreeMap<>();
		properties.asList().forEach((property) -> map.put(property.getName().toString(), property.getValue().toString()));
		return map;
	}

}
