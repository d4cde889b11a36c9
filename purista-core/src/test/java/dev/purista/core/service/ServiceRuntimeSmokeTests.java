package dev.purista.core.service;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.error.HandledException;
import dev.purista.core.message.MessageAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceRuntimeSmokeTests {

	private final InMemoryEventBridge bridge = new InMemoryEventBridge();

	@AfterEach
	void destroy() {
		this.bridge.destroy();
	}

	@Test
	void signUpSucceedsAndGetUserFailsWithHandledError() {
		this.bridge.start();
		ServiceEnvironment environment = ServiceEnvironment.builder(this.bridge).build();
		new ServiceRuntime(AnnotatedServices.definitionOf(new ParityServices.UserService()), environment).start();
		PuristaInvoker invoker = new PuristaInvoker(environment, MessageAddress.of("Caller", "1", "test"));
		Object result = invoker.invoke(MessageAddress.of("User", "1", "signUp"),
				Map.of("email", "a@b.co", "name", "Ada"), Map.of(), Map.class, Duration.ofSeconds(5), Identity.NONE)
			.join();
		assertThat(result).isEqualTo(Map.of("userId", "u-1", "email", "a@b.co"));
		assertThatThrownBy(() -> invoker.invoke(MessageAddress.of("User", "1", "getUser"), Map.of(),
				Map.of("id", "42"), Map.class, Duration.ofSeconds(5), Identity.NONE).join())
			.hasCauseInstanceOf(HandledException.class)
			.cause()
			.hasMessage("user not found");
	}

}
