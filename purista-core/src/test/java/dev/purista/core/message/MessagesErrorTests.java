package dev.purista.core.message;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.purista.core.error.BridgeStoppingException;
import dev.purista.core.error.HandledException;
import dev.purista.core.error.OutboundBufferFullException;
import dev.purista.core.error.ServiceUnavailableException;
import dev.purista.core.error.StoreUnavailableException;
import dev.purista.core.error.UnhandledException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link Messages#error} turns what a handler threw into the error response: handled errors keep their
 * status, message and data; "unavailable, retry may succeed" answers an unhandled 503 without detail; everything
 * else an unhandled 500 without detail, as in TypeScript PURISTA.
 */
class MessagesErrorTests {

	private final Command command = Messages.command(MessageAddress.of("Caller", "1", "call"),
			MessageAddress.of("User", "1", "signUp"), Map.of("email", "a@b.co"), null, "trace-1", null, null, null);

	@Test
	void unavailableStoreAnswersUnhandled503WithoutDetailAndKeepsTheTraceId() {
		CommandErrorResponse response = Messages.error(this.command, "responder",
				new StoreUnavailableException("RedisStateStore could not read key 'user:1': Redis is unavailable",
						new IllegalStateException("Connection refused")),
				"otp");

		assertThat(response.isHandledError()).isFalse();
		assertThat(response.payload()).isEqualTo(new ErrorPayload(503, "Service Unavailable", null, "trace-1"));
		assertThat(response.otp()).isEqualTo("otp");
		assertThat(response.correlationId()).isEqualTo(this.command.correlationId());
	}

	@Test
	void everyServiceUnavailableExceptionAnswers503() {
		assertThat(status(new ServiceUnavailableException("queue bridge unavailable", null))).isEqualTo(503);
		assertThat(status(new BridgeStoppingException("stopping", "other-trace"))).isEqualTo(503);
		assertThat(status(new OutboundBufferFullException("buffer full", null))).isEqualTo(503);
	}

	@Test
	void otherUnhandledFailuresStay500WithoutDetail() {
		CommandErrorResponse response = Messages.error(this.command, "responder",
				new IllegalStateException("Connection refused"), null);

		assertThat(response.isHandledError()).isFalse();
		assertThat(response.payload()).isEqualTo(new ErrorPayload(500, "Internal Server Error", null, "trace-1"));
		assertThat(status(new UnhandledException("output validation failed"))).isEqualTo(500);
	}

	@Test
	void handledErrorsKeepStatusMessageAndData() {
		CommandErrorResponse response = Messages.error(this.command, "responder",
				new HandledException(503, "try later", Map.of("reason", "maintenance")), null);

		assertThat(response.isHandledError()).isTrue();
		assertThat(response.payload().status()).isEqualTo(503);
		assertThat(response.payload().message()).isEqualTo("try later");
		assertThat(response.payload().data()).isEqualTo(Map.of("reason", "maintenance"));
		assertThat(response.payload().traceId()).isEqualTo("trace-1");
	}

	private int status(Throwable error) {
		return Messages.error(this.command, "responder", error, null).payload().status();
	}

}
