package dev.purista.test.lambda;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An error as a Lambda runtime posts it to the Runtime API ({@code /runtime/invocation/{id}/error} or
 * {@code /runtime/init/error}): the JSON body's {@code errorType}, {@code errorMessage} and {@code stackTrace},
 * and the {@code Lambda-Runtime-Function-Error-Type} header.
 * @param errorType the body's {@code errorType}, e.g. {@code java.lang.IllegalStateException}; the header's
 * value if the body has none
 * @param errorMessage the body's {@code errorMessage}, or the raw body if it is not JSON
 * @param stackTrace the body's {@code stackTrace} lines, empty if none
 * @param functionErrorType the {@code Lambda-Runtime-Function-Error-Type} header, e.g. {@code Runtime.Unknown};
 * {@code null} if absent
 * @param body the raw body as posted
 */
public record FunctionError(String errorType, String errorMessage, List<String> stackTrace,
		@Nullable String functionErrorType, byte[] body) {

	/**
	 * Create an error.
	 * @param errorType the error type
	 * @param errorMessage the error message
	 * @param stackTrace the stack trace lines
	 * @param functionErrorType the {@code Lambda-Runtime-Function-Error-Type} header
	 * @param body the raw body
	 */
	public FunctionError {
		stackTrace = List.copyOf(stackTrace);
		body = body.clone();
	}

	/**
	 * The raw body as posted.
	 * @return a copy of the body
	 */
	@Override
	public byte[] body() {
		return this.body.clone();
	}

	@Override
	public String toString() {
		return "FunctionError[" + this.errorType + ": " + this.errorMessage + "]";
	}

}
