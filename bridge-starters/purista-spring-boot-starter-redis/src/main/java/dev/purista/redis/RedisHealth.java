package dev.purista.redis;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.core.RedisTemplate;

/**
 * The health check of PURISTA's Redis components: Redis answers a {@code PING}.
 */
public final class RedisHealth {

	private static final Log logger = LogFactory.getLog(RedisHealth.class);

	private RedisHealth() {
	}

	/**
	 * Whether Redis answers a {@code PING} now. Never throws.
	 * @param redis a template on the connection to check
	 * @return {@code true} when Redis answered {@code PONG}
	 */
	public static boolean answersPing(RedisTemplate<?, ?> redis) {
		try {
			return "PONG".equalsIgnoreCase(redis.execute((connection) -> connection.ping(), true));
		}
		catch (RuntimeException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Redis does not answer: " + ex);
			}
			return false;
		}
	}

}
