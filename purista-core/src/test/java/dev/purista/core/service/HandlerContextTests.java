package dev.purista.core.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.annotation.Invokes;
import dev.purista.core.annotation.PuristaClient;
import dev.purista.core.error.CommandTimeoutException;
import dev.purista.core.error.HandledException;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.Command;
import dev.purista.core.message.CustomMessage;
import dev.purista.core.message.MessageType;
import dev.purista.core.queue.QueueHeaders;
import dev.purista.core.queue.QueueLease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class HandlerContextTests {

	private static final Identity IDS = new Identity("trace-1", "user-7", "tenant-3");

	private final ServiceTestSupport support = new ServiceTestSupport();

	@AfterEach
	void close() {
		this.support.close();
	}

	record Note(@NotBlank String text) {
	}

	record Profile(String name) {
	}

	@PuristaClient(service = "Profile", version = "1")
	interface ProfileClient {

		@Invokes("get")
		CompletableFuture<Profile> profile(Object payload, Map<String, String> parameter);

		Profile get(Object payload, Map<String, String> parameter);

	}

	@Test
	void idsPropagateIntoInvokeEmitAndEnqueue() {
		startProfileService();
		this.support.start(ServiceBuilder.service("Front", "1")
			.command("show")
			.emits("shown", Note.class)
			.handler((payload, parameter, context) -> {
				Profile profile = context.invoke("Profile", "1", "get", Map.of(), Map.of("id", "1"), Profile.class)
					.join();
				context.emit("shown", new Note(profile.name()));
				context.enqueue("audit", Map.of("shown", profile.name()));
				return profile;
			})
			.build());

		Object result = this.support.invoke("Front", "show", Map.of(), Map.of(), Profile.class, IDS).join();

		assertThat(result).isEqualTo(new Profile("Ada"));
		await().until(() -> this.support.carriedOfType(MessageType.COMMAND).size() == 2
				&& !this.support.carriedOfType(MessageType.CUSTOM_MESSAGE).isEmpty());
		Command nested = (Command) this.support.carriedOfType(MessageType.COMMAND)
			.stream()
			.filter((message) -> message.receiver().serviceName().equals("Profile"))
			.findFirst()
			.orElseThrow();
		assertThat(nested.sender().serviceName()).isEqualTo("Front");
		assertThat(nested.sender().serviceTarget()).isEqualTo("show");
		assertThat(nested.sender().instanceId()).isEqualTo(this.support.bridge.instanceId());
		assertIds(nested.traceId(), nested.principalId(), nested.tenantId());
		CustomMessage event = (CustomMessage) this.support.carriedOfType(MessageType.CUSTOM_MESSAGE).get(0);
		assertThat(event.eventName()).isEqualTo("shown");
		assertThat(event.sender().serviceTarget()).isEqualTo("show");
		assertIds(event.traceId(), event.principalId(), event.tenantId());
		QueueLease job = this.support.queueBridge.leaseNext("audit", Duration.ofSeconds(1));
		assertThat(job).isNotNull();
		assertThat(job.message().traceId()).isEqualTo("trace-1");
		assertThat(job.message().headers()).containsEntry(QueueHeaders.PRINCIPAL_ID, "user-7")
			.containsEntry(QueueHeaders.TENANT_ID, "tenant-3");
	}

	@Test
	void emittingAnUndeclaredEventFailsWith500NoSchema() {
		this.support.start(ServiceBuilder.service("Front", "1").command("show").handler((payload, parameter, context) -> {
			try {
				context.emit("surprise", Map.of());
				return "emitted";
			}
			catch (UnhandledException ex) {
				return ex.getStatus() + " " + ex.getMessage();
			}
		}).build());

		assertThat(this.support.invoke("Front", "show", Map.of(), Map.of(), String.class, IDS).join())
			.isEqualTo("500 No schema for surprise found");
	}

	@Test
	void emittingAnInvalidPayloadFailsWith500AndSendsNothing() {
		this.support.start(ServiceBuilder.service("Front", "1")
			.command("show")
			.emits("shown", Note.class)
			.handler((payload, parameter, context) -> {
				try {
					context.emit("shown", Map.of("text", ""));
					return "emitted";
				}
				catch (UnhandledException ex) {
					return ex.getStatus() + " " + ex.getMessage();
				}
			})
			.build());

		assertThat(this.support.invoke("Front", "show", Map.of(), Map.of(), String.class, IDS).join())
			.isEqualTo("500 Payload validation for event shown failed");
		assertThat(this.support.carriedOfType(MessageType.CUSTOM_MESSAGE)).isEmpty();
	}

	@Test
	void clientProxyInvokesCommandsAsyncAndBlockingWithPropagation() {
		startProfileService();
		this.support.start(ServiceBuilder.service("Front", "1").command("show").handler((payload, parameter, context) -> {
			ProfileClient client = context.client(ProfileClient.class);
			Profile async = client.profile(Map.of(), Map.of("id", "1")).join();
			Profile blocking = client.get(Map.of(), Map.of("id", "1"));
			return Map.of("async", async.name(), "blocking", blocking.name());
		}).build());

		assertThat(this.support.invoke("Front", "show", Map.of(), Map.of(), Map.class, IDS).join())
			.isEqualTo(Map.of("async", "Ada", "blocking", "Ada"));
		await().until(() -> this.support.carriedOfType(MessageType.COMMAND).size() == 3);
		this.support.carriedOfType(MessageType.COMMAND)
			.forEach((command) -> assertIds(command.traceId(), command.principalId(), command.tenantId()));
	}

	@Test
	void blockingClientRethrowsTheRemoteHandledError() {
		this.support.start(ServiceBuilder.service("Profile", "1")
			.command("get")
			.handler((payload, parameter, context) -> {
				throw new HandledException(404, "no such profile");
			})
			.build());
		ProfileClient client = this.support.invoker().client(ProfileClient.class, IDS);

		assertThatThrownBy(() -> client.get(Map.of(), Map.of("id", "9"))).isInstanceOf(HandledException.class)
			.hasMessage("no such profile");
	}

	@Test
	void perCallTimeoutOverridesTheDefault() {
		this.support.start(ServiceBuilder.service("Slow", "1")
			.command("wait")
			.handler((payload, parameter, context) -> new CompletableFuture<>())
			.build());
		this.support.start(ServiceBuilder.service("Front", "1").command("show").handler((payload, parameter, context) -> {
			try {
				context.invoke("Slow", "1", "wait", null, null, Object.class, Duration.ofMillis(150)).join();
				return "answered";
			}
			catch (CompletionException ex) {
				CommandTimeoutException timeout = (CommandTimeoutException) ex.getCause();
				return timeout.getStatus() + " " + timeout.getMessage() + " after " + timeout.getTimeout().toMillis();
			}
		}).build());

		assertThat(this.support.invoke("Front", "show", Map.of(), Map.of(), String.class, IDS).join())
			.isEqualTo("504 invocation timed out after 150");
		assertThat(this.support.bridge.defaultCommandTimeout()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void storesAreReachableFromTheContext() {
		this.support.start(ServiceBuilder.service("Front", "1").command("count").handler((payload, parameter, context) -> {
			Integer count = context.getState("counter", Integer.class);
			int next = (count != null) ? count + 1 : 1;
			context.states().setState("counter", next);
			return next;
		}).build());

		this.support.invoke("Front", "count", null, null, Integer.class, IDS).join();
		assertThat(this.support.invoke("Front", "count", null, null, Integer.class, IDS).join()).isEqualTo(2);
	}

	private void startProfileService() {
		this.support.start(ServiceBuilder.service("Profile", "1")
			.command("get")
			.output(Profile.class)
			.handler((payload, parameter, context) -> new Profile("Ada"))
			.build());
	}

	private static void assertIds(String traceId, String principalId, String tenantId) {
		assertThat(traceId).isEqualTo("trace-1");
		assertThat(principalId).isEqualTo("user-7");
		assertThat(tenantId).isEqualTo("tenant-3");
	}

}
