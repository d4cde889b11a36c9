package dev.purista.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.lettuce.LettuceExceptionConverter;

import dev.purista.core.error.StoreUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which Redis failures {@link RedisStoreFailures} reports as an unavailable store, on the exceptions Lettuce
 * raises as Spring Data Redis converts them (the outages themselves are in
 * {@link RedisStoreOutageIntegrationTests}).
 */
class RedisStoreFailuresTests {

	private final LettuceExceptionConverter converter = new LettuceExceptionConverter();

	@Test
	void connectionFailuresTimeoutsAndDisconnectedLettuceAreUnavailable() {
		assertThat(unavailable(new RedisConnectionException("Unable to connect to 127.0.0.1:6379"))).isTrue();
		assertThat(unavailable(new io.lettuce.core.RedisCommandTimeoutException("Command timed out"))).isTrue();
		assertThat(unavailable(new RedisException("Currently not connected. Commands are rejected."))).isTrue();
		assertThat(unavailable(new RedisException("Connection closed"))).isTrue();
		assertThat(RedisStoreFailures.isUnavailable(new RedisSystemException("Redis exception",
				new RedisException(new java.io.IOException("Connection reset by peer")))))
			.isTrue();
	}

	@Test
	void errorsRedisAnsweredAreNotUnavailableAndStayAsTheyAre() {
		DataAccessException wrongType = convert(new RedisCommandExecutionException(
				"WRONGTYPE Operation against a key holding the wrong kind of value"));
		assertThat(wrongType).isInstanceOf(RedisSystemException.class);
		assertThat(RedisStoreFailures.isUnavailable(wrongType)).isFalse();
		assertThat(RedisStoreFailures.translate("RedisStateStore", "read key 'a'", wrongType)).isSameAs(wrongType);
		assertThat(unavailable(new RedisException("ERR unknown command"))).isFalse();
	}

	@Test
	void unavailableFailureNamesStoreAndOperationAndKeepsTheCause() {
		DataAccessException failure = convert(new RedisConnectionException("Unable to connect to 127.0.0.1:6379"));

		RuntimeException translated = RedisStoreFailures.translate("RedisConfigStore", "write key 'flag'", failure);

		assertThat(translated).isInstanceOf(StoreUnavailableException.class)
			.hasMessageStartingWith("RedisConfigStore could not write key 'flag': Redis is unavailable (")
			.hasCause(failure);
	}

	private boolean unavailable(RuntimeException lettuceFailure) {
		return RedisStoreFailures.isUnavailable(convert(lettuceFailure));
	}

	private DataAccessException convert(RuntimeException lettuceFailure) {
		DataAccessException converted = this.converter.convert(lettuceFailure);
		assertThat(converted).isNotNull();
		return converted;
	}

}
