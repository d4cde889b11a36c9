package dev.purista.sample;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.error.HandledException;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.queue.memory.InMemoryQueueBridge;
import dev.purista.core.service.AnnotatedServices;
import dev.purista.core.service.Identity;
import dev.purista.core.service.PuristaInvoker;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.service.ServiceRuntime;
import dev.purista.sample.email.EmailService;
import dev.purista.sample.email.LoggingMailSender;
import dev.purista.sample.user.UserService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The sample services without Spring: sign-up → event → queue job → outbox.
 */
class SampleServicesTests {

	private final InMemoryEventBridge bridge = new InMemoryEventBridge();

	private final InMemoryQueueBridge queue = new InMemoryQueueBridge();

	private PuristaInvoker invoker;

	@AfterEach
	void close() {
		this.bridge.destroy();
		this.queue.destroy();
	}

	@Test
	void signUpLeadsToASentWelcomeMailAfterRetries() {
		start(1);

		Map<String, Object> user = invoke("User", "signUp", Map.of("email", "Ada@Example.com", "name", "Ada"), null);

		assertThat(user.get("email")).isEqualTo("ada@example.com");
		String userId = (String) user.get("userId");
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(invoke("Email", "getOutbox", null, Map.of("userId", userId)))
				.containsEntry("status", "sent")
				.containsEntry("attempts", 2));
		assertThat(invoke("User", "getUser", null, Map.of("userId", userId))).containsEntry("name", "Ada");
	}

	@Test
	void secondSignUpWithTheSameEmailIsAConflict() {
		start(0);
		invoke("User", "signUp", Map.of("email", "bob@example.com", "name", "Bob"), null);

		assertThatThrownBy(() -> invoke("User", "signUp", Map.of("email", "BOB@example.com", "name", "Bobby"), null))
			.isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOf(HandledException.class)
			.hasMessage("email already registered");
	}

	@Test
	void unknownUserAndMissingOutboxAre404() {
		start(0);

		assertThatThrownBy(() -> invoke("User", "getUser", null, Map.of("userId", "nope"))).cause()
			.isInstanceOf(HandledException.class)
			.hasMessage("user not found");
		assertThatThrownBy(() -> invoke("Email", "getOutbox", null, Map.of("userId", "nope"))).cause()
			.isInstanceOf(HandledException.class)
			.extracting((error) -> ((HandledException) error).getStatus())
			.isEqualTo(404);
	}

	private void start(int failFirstAttempts) {
		this.bridge.start();
		ServiceEnvironment environment = ServiceEnvironment.builder(this.bridge).queueBridge(this.queue).build();
		new ServiceRuntime(AnnotatedServices.definitionOf(new UserService()), environment).start();
		new ServiceRuntime(AnnotatedServices.definitionOf(new EmailService(new LoggingMailSender(failFirstAttempts))),
				environment)
			.start();
		this.invoker = new PuristaInvoker(environment, MessageAddress.of("Test", "1", "test"));
	}

	private Map<String, Object> invoke(String service, String command, Object payload, Object parameter) {
		Map<String, Object> result = this.invoker
			.<Map<String, Object>>invoke(MessageAddress.of(service, "1", command), payload, parameter, Map.class,
					Duration.ofSeconds(5), Identity.NONE)
			.join();
		return result;
	}

}
