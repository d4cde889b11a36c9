package dev.purista.test.bridge;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the event bridge suites share: waiting for a future's result or failure with a bound, and reading a payload
 * that crossed a bridge as text.
 */
final class BridgeTestSupport {

	private BridgeTestSupport() {
	}

	/**
	 * Wait for a future's result.
	 * @param <T> the result type
	 * @param future the future
	 * @param within how long to wait
	 * @return the result
	 * @throws AssertionError if the future failed or did not complete in time
	 */
	static <T> T join(CompletableFuture<T> future, Duration within) {
		try {
			return future.get(within.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new AssertionError("expected a result but the future failed with " + ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new AssertionError("no result within " + within, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
	}

	/**
	 * Wait for a future's failure.
	 * @param future the future
	 * @param within how long to wait
	 * @return the failure's cause
	 * @throws AssertionError if the future completed normally or did not complete in time
	 */
	static Throwable failureOf(CompletableFuture<?> future, Duration within) {
		Object result;
		try {
			result = future.get(within.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (TimeoutException ex) {
			throw new AssertionError("the future did not complete within " + within, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
		throw new AssertionError("expected a failure but the future completed with " + result);
	}

	/**
	 * A payload as text: a JSON string's value, anything else's {@code toString()}.
	 * @param value the payload
	 * @return the text
	 */
	static String text(@Nullable Object value) {
		if (value instanceof JsonNode node && node.isString()) {
			return node.asString();
		}
		return String.valueOf(value);
	}

}
