package dev.purista.nats;

import java.util.List;

import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import org.jspecify.annotations.Nullable;

import dev.purista.core.bridge.support.OutboundBuffer;

/**
 * One message for the {@link dev.purista.core.bridge.support.OutboundBuffer}: one or more NATS publishes that
 * belong together (a command response on the caller's inbox and its copy on the response's own subject), and what
 * to run once they were handed to the connection.
 */
final class NatsPublication implements OutboundBuffer.Publication {

	private final Connection connection;

	private final String kind;

	private final String description;

	private final List<Publish> publishes;

	private final Runnable published;

	private final int size;

	NatsPublication(Connection connection, String kind, String description, List<Publish> publishes,
			Runnable published) {
		this.connection = connection;
		this.kind = kind;
		this.description = description;
		this.publishes = List.copyOf(publishes);
		this.published = published;
		this.size = this.publishes.stream().mapToInt((publish) -> publish.data().length).sum();
	}

	@Override
	public String kind() {
		return this.kind;
	}

	@Override
	public String description() {
		return this.description;
	}

	@Override
	public int size() {
		return this.size;
	}

	/**
	 * Hand the messages to the connection.
	 * @throws IllegalStateException if the connection is closed or draining
	 */
	@Override
	public void publish() {
		for (Publish publish : this.publishes) {
			this.connection.publish(publish.subject(), publish.replyTo(), publish.headers(), publish.data());
		}
		this.published.run();
	}

	/**
	 * One NATS publish.
	 *
	 * @param subject the subject
	 * @param replyTo the reply subject, or {@code null}
	 * @param headers the headers, or {@code null} when the server does not support headers
	 * @param data the encoded message
	 */
	record Publish(String subject, @Nullable String replyTo, @Nullable Headers headers, byte[] data) {

	}

}
