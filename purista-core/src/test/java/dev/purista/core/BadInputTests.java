package dev.purista.core;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.error.CommandTimeoutException;
import dev.purista.core.error.MalformedMessageException;
import dev.purista.core.error.PuristaException;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.service.Identity;
import dev.purista.core.service.PuristaInvoker;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.service.ServiceRuntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Malformed messages, wrong shapes and misbehaving handlers get a clear error, never leak payloads into error
 * texts, and never stop the dispatcher from serving everyone else.
 */
class BadInputTests {

	private static final String SECRET = "s3cr3t-payload-value";

	private final MessageCodec codec = new MessageCodec();

	private final InMemoryEventBridge bridge = new InMemoryEventBridge();

	@AfterEach
	void close() {
		this.bridge.destroy();
	}

	@Test
	void invalidJsonIsRejectedWithoutEchoingTheInput() {
		assertThatThrownBy(() -> this.codec.decode("{\"messageType\":\"command\",\"payload\":\"" + SECRET))
			.isInstanceOf(MalformedMessageException.class)
			.hasMessageStartingWith("malformed PURISTA message: not valid JSON")
			.message()
			.doesNotContain(SECRET);
	}

	@Test
	void missingRequiredFieldIsNamedWithTheMessageId() {
		String json = "{\"messageType\":\"command\",\"id\":\"abc123\",\"timestamp\":1,\"correlationId\":\"c\","
				+ "\"receiver\":{\"serviceName\":\"User\",\"serviceVersion\":\"1\",\"serviceTarget\":\"x\"},"
				+ "\"payload\":{\"payload\":\"" + SECRET + "\"}}";

		assertThatThrownBy(() -> this.codec.decode(json)).isInstanceOf(MalformedMessageException.class)
			.hasMessageContaining("abc123")
			.hasMessageContaining("missing required field 'sender'")
			.message()
			.doesNotContain(SECRET);
	}

	@Test
	void unknownMessageTypeIsNamed() {
		String json = "{\"messageType\":\"commandy\",\"id\":\"abc\",\"timestamp\":1}";

		assertThatThrownBy(() -> this.codec.decode(json)).isInstanceOf(MalformedMessageException.class)
			.hasMessage("malformed PURISTA message abc: unknown messageType 'commandy'");
	}

	@Test
	void fieldOfTheWrongShapeIsNamed() {
		String json = "{\"messageType\":\"customMessage\",\"id\":\"e1\",\"timestamp\":1,\"eventName\":\"x\","
				+ "\"sender\":\"" + SECRET + "\"}";

		assertThatThrownBy(() -> this.codec.decode(json)).isInstanceOf(MalformedMessageException.class)
			.hasMessageContaining("e1")
			.hasMessageContaining("sender")
			.message()
			.doesNotContain(SECRET);
	}

	@Test
	void nonObjectJsonIsRejected() {
		assertThatThrownBy(() -> this.codec.decode("[1,2,3]")).isInstanceOf(MalformedMessageException.class)
			.hasMessageContaining("not a JSON object");
	}

	@Test
	void payloadThatCannotBeWrittenAsJsonFailsTheInvocationClearly() {
		PuristaInvoker invoker = startServices();

		CompletableFuture<Object> future = invoker.invoke(MessageAddress.of("Bad", "1", "echo"), new Unwritable(), null,
				Object.class, Duration.ofSeconds(2), Identity.NONE);

		assertThatThrownBy(future::join).isInstanceOf(CompletionException.class)
			.hasCauseInstanceOf(PuristaException.class)
			.cause()
			.hasMessageContaining("cannot be written as JSON");
	}

	@Test
	void handlerReturningSomethingUnserializableGives500AndTheCallerIsAnswered() {
		PuristaInvoker invoker = startServices();

		CompletableFuture<Object> future = invoker.invoke(MessageAddress.of("Bad", "1", "unserializable"), Map.of(),
				null, Object.class, Duration.ofSeconds(2), Identity.NONE);

		assertThatThrownBy(future::join).cause()
			.isInstanceOf(UnhandledException.class)
			.hasMessage("Internal Server Error");
	}

	@Test
	void throwingAndNeverReturningHandlersDoNotStopTheDispatcher() {
		PuristaInvoker invoker = startServices();

		CompletableFuture<Object> stuck = invoker.invoke(MessageAddress.of("Bad", "1", "never"), Map.of(), null,
				Object.class, Duration.ofMillis(300), Identity.NONE);
		CompletableFuture<Object> thrown = invoker.invoke(MessageAddress.of("Bad", "1", "throws"), Map.of(), null,
				Object.class, Duration.ofSeconds(2), Identity.NONE);
		Object echoed = invoker.invoke(MessageAddress.of("Bad", "1", "echo"), Map.of("ok", true), null, Object.class,
				Duration.ofSeconds(2), Identity.NONE).join();

		assertThat(echoed).isEqualTo(Map.of("ok", true));
		assertThatThrownBy(thrown::join).cause().isInstanceOf(UnhandledException.class)
			.hasMessage("Internal Server Error");
		assertThatThrownBy(stuck::join).cause().isInstanceOf(CommandTimeoutException.class)
			.hasMessage("invocation timed out");
		Object again = invoker.invoke(MessageAddress.of("Bad", "1", "echo"), Map.of("ok", 2), null, Object.class,
				Duration.ofSeconds(2), Identity.NONE).join();
		assertThat(again).isNotNull();
	}

	/**
	 * A value Jackson cannot write: its only property fails.
	 */
	public static final class Unwritable {

		public String getValue() {
			throw new IllegalStateException("not writable");
		}

	}

	private PuristaInvoker startServices() {
		this.bridge.start();
		ServiceEnvironment environment = ServiceEnvironment.builder(this.bridge).build();
		new ServiceRuntime(ServiceBuilder.service("Bad", "1")
			.command("echo")
			.handler((payload, parameter, context) -> payload)
			.command("never")
			.handler((payload, parameter, context) -> new CompletableFuture<>())
			.command("throws")
			.handler((payload, parameter, context) -> {
				throw new IllegalStateException("boom with " + SECRET);
			})
			.command("unserializable")
			.handler((payload, parameter, context) -> new Unwritable())
			.build(), environment).start();
		return new PuristaInvoker(environment, MessageAddress.of("Caller", "1", "test"));
	}

}
