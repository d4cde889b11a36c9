package dev.purista.redis.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of {@link RedisQueueBridge}, read from {@code dev/purista/redis/queue/*.lua}. Every script
 * is {@code prelude.lua} (key names and JSON helpers) followed by its own body; Spring runs them with
 * {@code EVALSHA}, falling back to {@code EVAL} once per Redis server.
 */
final class RedisQueueScripts {

	final RedisScript<String> enqueue;

	final RedisScript<List<Object>> lease;

	final RedisScript<Long> ack;

	final RedisScript<String> nack;

	final RedisScript<String> extend;

	final RedisScript<Long> orphans;

	final RedisScript<List<Object>> metrics;

	final RedisScript<List<Object>> inspect;

	final RedisScript<String> deadLetter;

	final RedisScript<Long> redrive;

	final RedisScript<Long> purge;

	RedisQueueScripts() {
		String prelude = read("prelude");
		this.enqueue = script(prelude, "enqueue", String.class);
		this.lease = listScript(prelude, "lease");
		this.ack = script(prelude, "ack", Long.class);
		this.nack = script(prelude, "nack", String.class);
		this.extend = script(prelude, "extend", String.class);
		this.orphans = script(prelude, "orphans", Long.class);
		this.metrics = listScript(prelude, "metrics");
		this.inspect = listScript(prelude, "inspect");
		this.deadLetter = script(prelude, "dead-letter", String.class);
		this.redrive = script(prelude, "redrive", Long.class);
		this.purge = script(prelude, "purge", Long.class);
	}

	private static <T> RedisScript<T> script(String prelude, String name, Class<T> resultType) {
		return new DefaultRedisScript<>(prelude + "\n" + read(name), resultType);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static RedisScript<List<Object>> listScript(String prelude, String name) {
		return new DefaultRedisScript<>(prelude + "\n" + read(name), (Class) List.class);
	}

	private static String read(String name) {
		String resource = name + ".lua";
		try (InputStream in = RedisQueueScripts.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Lua script " + resource + " is missing from the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read Lua script " + resource, ex);
		}
	}

}
