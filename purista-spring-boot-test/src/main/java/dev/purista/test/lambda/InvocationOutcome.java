package dev.purista.test.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How an invocation ended: the function's response, or the error its runtime reported.
 * @param requestId the invocation's {@code Lambda-Runtime-Aws-Request-Id}
 * @param response the body posted to {@code /runtime/invocation/{id}/response}; empty for an error
 * @param error the error posted to {@code /runtime/invocation/{id}/error}; {@code null} for a response
 * @param completedAt when the emulator received the response or error
 */
public record InvocationOutcome(String requestId, byte[] response, @Nullable FunctionError error, Instant completedAt) {

	/**
	 * Create an outcome.
	 * @param requestId the request id
	 * @param response the response body
	 * @param error the error
	 * @param completedAt when it arrived
	 */
	public InvocationOutcome {
		response = response.clone();
	}

	/**
	 * Whether the runtime reported an error.
	 * @return {@code true} for an error, {@code false} for a response
	 */
	public boolean isError() {
		return this.error != null;
	}

	/**
	 * The response body.
	 * @return a copy of the response body, empty for an error
	 */
	@Override
	public byte[] response() {
		return this.response.clone();
	}

	/**
	 * The response body as UTF-8 text.
	 * @return the response, empty for an error
	 */
	public String responseText() {
		return new String(this.response, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "InvocationOutcome[" + this.requestId + ", "
				+ ((this.error != null) ? this.error : "response of " + this.response.length + " bytes") + "]";
	}

}
