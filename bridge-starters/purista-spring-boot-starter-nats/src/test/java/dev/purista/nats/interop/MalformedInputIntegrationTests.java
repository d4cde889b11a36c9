package dev.purista.nats.interop;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.purista.core.message.Ids;
import dev.purista.core.naming.SnakeCase;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.service.ServiceRuntime;

import static dev.purista.nats.interop.TypeScriptPeer.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input on the subjects a Java service listens on (bytes that are not JSON, JSON that is not a PURISTA
 * message, a message that is not a command on a command subject) is logged once and dropped; core NATS keeps no
 * dead letters. The subscription stays alive: the next good command is answered.
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedInputIntegrationTests extends AbstractInteropTests {

	private final String service = "IopBad" + Ids.newId().substring(0, 8);

	private final List<ServiceRuntime> services = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		this.services.forEach(ServiceRuntime::destroy);
	}

	@Test
	void badInputOnACommandSubjectIsLoggedOnceAndTheNextCommandIsAnswered(CapturedOutput output) {
		ServiceRuntime runtime = new ServiceRuntime(ServiceBuilder.service(this.service, "1")
			.command("signUp")
			.handler((payload, parameter, context) -> Map.of("userId", "u-1"))
			.build(), ServiceEnvironment.builder(this.bridge).build());
		runtime.start();
		this.services.add(runtime);
		String subject = "purista.command.empty.empty.foreign.foreign.1.test.empty.empty."
				+ SnakeCase.convert(this.service) + ".1.sign_up";
		ObjectNode notACommand = this.peer.message("command-success", "customMessage");

		this.peer.connection.publish(subject, this.peer.inbox + ".1", "not json".getBytes(StandardCharsets.UTF_8));
		this.peer.connection.publish(subject, this.peer.inbox + ".2", "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8));
		this.peer.connection.publish(subject, this.peer.inbox + ".3", TypeScriptPeer.bytes(notACommand));
		ObjectNode command = this.peer.command("command-success", this.service);
		this.peer.invoke(command);

		assertThat(body(this.peer.receiveReply()).get("correlationId").asString())
			.isEqualTo(command.get("correlationId").asString());
		assertThat(output.getOut().split("\n")).filteredOn((line) -> line.contains("that is not a PURISTA message"))
			.hasSize(2);
		assertThat(output.getOut().split("\n")).filteredOn((line) -> line.contains(": not a command")).hasSize(1);
	}

}
