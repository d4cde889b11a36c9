package dev.purista.boot.autoconfigure.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.core.error.CommandTimeoutException;
import dev.purista.core.error.HandledException;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.ErrorPayload;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status and body mapping shared by the HTTP exposure and the Lambda handler.
 */
class PuristaHttpErrorsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void handledErrorKeepsStatusMessageDataAndItsTraceId() {
		ErrorPayload error = PuristaHttpErrors.of(
				new CompletionException(new HandledException(409, "taken", Map.of("email", "a@b.co"), "trace-own")),
				"trace-request");
		assertThat(error).isEqualTo(new ErrorPayload(409, "taken", Map.of("email", "a@b.co"), "trace-own"));
	}

	@Test
	void handledErrorWithoutTraceIdGetsTheRequestsAndANonHttpStatusBecomes500() {
		ErrorPayload error = PuristaHttpErrors.of(new HandledException(42, "odd"), "trace-request");
		assertThat(error.status()).isEqualTo(500);
		assertThat(error.message()).isEqualTo("odd");
		assertThat(error.traceId()).isEqualTo("trace-request");
	}

	@Test
	void timeoutAnd503And504KeepTheirStatusWithoutDetail() {
		assertThat(PuristaHttpErrors.of(new CommandTimeoutException(Duration.ofSeconds(1), null), "t"))
			.isEqualTo(new ErrorPayload(504, "Gateway Timeout", null, "t"));
		assertThat(PuristaHttpErrors.of(new UnhandledException(503, "bridge down", Map.of("x", 1), "other"), "t"))
			.isEqualTo(new ErrorPayload(503, "Service Unavailable", null, "t"));
		assertThat(PuristaHttpErrors.of(new UnhandledException(504, "late", null, null), "t").status()).isEqualTo(504);
	}

	@Test
	void anythingElseIs500WithoutDetail() {
		assertThat(PuristaHttpErrors.of(new UnhandledException(502, "Bad Gateway", null, null), "t"))
			.isEqualTo(new ErrorPayload(500, "Internal Server Error", null, "t"));
		assertThat(PuristaHttpErrors.of(new IllegalStateException("secret"), "t"))
			.isEqualTo(new ErrorPayload(500, "Internal Server Error", null, "t"));
	}

	@Test
	void emptyResultsAreNoContent() {
		assertThat(PuristaHttpErrors.isNoContent(null)).isTrue();
		assertThat(PuristaHttpErrors.isNoContent(JSON.nullNode())).isTrue();
		assertThat(PuristaHttpErrors.isNoContent(JSON.getNodeFactory().stringNode(""))).isTrue();
		assertThat(PuristaHttpErrors.isNoContent(JSON.getNodeFactory().stringNode(" "))).isFalse();
		assertThat(PuristaHttpErrors.isNoContent(JSON.createObjectNode())).isFalse();
	}

}
