package dev.purista.redis;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

import dev.purista.core.error.StoreUnavailableException;

/**
 * Tells a Redis outage from other Redis failures: no connection could be made
 * ({@code RedisConnectionFailureException} and other {@link DataAccessResourceFailureException}s), a command
 * timed out ({@link QueryTimeoutException}), the connection broke under a command (an {@link IOException} or
 * Lettuce's connection and timeout exceptions as cause) or Lettuce rejected the command while disconnected
 * ({@code purista.redis.reject-commands-while-disconnected}: Lettuce's plain {@code RedisException}
 * "Currently not connected. Commands are rejected.", which Spring Data Redis wraps in a
 * {@code RedisSystemException}). Lettuce classes are matched by name, so the check works without Lettuce on the
 * class path.
 */
final class RedisStoreFailures {

	private static final Set<String> LETTUCE_UNAVAILABLE = Set.of("io.lettuce.core.RedisConnectionException",
			"io.lettuce.core.RedisCommandTimeoutException");

	private static final String LETTUCE_REDIS_EXCEPTION = "io.lettuce.core.RedisException";

	/** The messages of Lettuce's plain {@code RedisException} when it is disconnected or closed. */
	private static final Set<String> LETTUCE_DISCONNECTED = Set.of("Currently not connected",
			"Connection closed", "Connection disconnected", "Connection is closed");

	private RedisStoreFailures() {
	}

	/**
	 * The exception to throw for a failed store operation: a {@link StoreUnavailableException} naming the store
	 * and the operation when Redis could not be reached, otherwise the failure itself.
	 * @param store the store name, e.g. {@code RedisStateStore}
	 * @param operation what failed, e.g. {@code "read 2 key(s)"} (never values)
	 * @param failure the failure
	 * @return the exception to throw
	 */
	static RuntimeException translate(String store, String operation, DataAccessException failure) {
		if (!isUnavailable(failure)) {
			return failure;
		}
		return new StoreUnavailableException(store + " could not " + operation + ": Redis is unavailable ("
				+ failure.getMostSpecificCause() + ")", failure);
	}

	static boolean isUnavailable(DataAccessException failure) {
		if (failure instanceof DataAccessResourceFailureException || failure instanceof QueryTimeoutException) {
			return true;
		}
		for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
			String type = cause.getClass().getName();
			if (cause instanceof IOException || cause instanceof TimeoutException
					|| LETTUCE_UNAVAILABLE.contains(type)) {
				return true;
			}
			if (LETTUCE_REDIS_EXCEPTION.equals(type) && isDisconnected(cause.getMessage())) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private static boolean isDisconnected(String message) {
		return message != null && LETTUCE_DISCONNECTED.stream().anyMatch(message::startsWith);
	}

}
