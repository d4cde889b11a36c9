package dev.purista.redis.queue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisListCommands.Direction;

/**
 * The connections {@link RedisQueueBridge} waits on with {@code BLMOVE}. A blocking command holds its
 * connection until it returns, so every waiting thread needs one of its own; they are kept for reuse (as many
 * as threads waited at once) instead of connecting for every wait. A connection whose wait ended with an error
 * or an interrupt is closed, since Redis may still answer the abandoned command on it.
 */
final class BlockingConnections implements AutoCloseable {

	private final RedisConnectionFactory connectionFactory;

	private final Deque<RedisConnection> idle = new ConcurrentLinkedDeque<>();

	private volatile boolean closed;

	BlockingConnections(RedisConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
	}

	/**
	 * Move the oldest pending job id into the processing list, waiting up to {@code timeout} for one.
	 * @param keys the queue's keys
	 * @param timeout how long to wait (at least one millisecond)
	 * @return the job id, or {@code null} when none came in time
	 */
	@Nullable String moveNext(RedisQueueKeys keys, Duration timeout) {
		RedisConnection connection = borrow();
		boolean reusable = false;
		try {
			double seconds = Math.max(1, timeout.toMillis()) / 1000.0;
			byte[] jobId = connection.listCommands()
				.bLMove(bytes(keys.pending()), bytes(keys.processing()), Direction.RIGHT, Direction.LEFT, seconds);
			reusable = !Thread.currentThread().isInterrupted();
			return (jobId != null) ? new String(jobId, StandardCharsets.UTF_8) : null;
		}
		finally {
			giveBack(connection, reusable);
		}
	}

	@Override
	public void close() {
		this.closed = true;
		RedisConnection connection;
		while ((connection = this.idle.poll()) != null) {
			closeQuietly(connection);
		}
	}

	private RedisConnection borrow() {
		RedisConnection connection = this.idle.pollFirst();
		return (connection != null) ? connection : this.connectionFactory.getConnection();
	}

	private void giveBack(RedisConnection connection, boolean reusable) {
		if (!reusable || this.closed) {
			closeQuietly(connection);
			return;
		}
		this.idle.offerFirst(connection);
		if (this.closed && this.idle.remove(connection)) {
			closeQuietly(connection);
		}
	}

	private static void closeQuietly(RedisConnection connection) {
		try {
			connection.close();
		}
		catch (RuntimeException ex) {
			// the connection is gone either way
		}
	}

	private static byte[] bytes(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}

}
