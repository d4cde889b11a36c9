package dev.purista.boot.autoconfigure;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The replaceable parts of PURISTA, the types each can be, and the starter that brings each type. Used to
 * explain a selected type whose starter is missing.
 */
public enum PuristaComponent {

	/** The event bridge. */
	EVENT_BRIDGE("event bridge", "purista.event-bridge.type",
			Map.of("amqp", "purista-spring-boot-starter-amqp", "nats", "purista-spring-boot-starter-nats", "mqtt",
					"purista-spring-boot-starter-mqtt")),

	/** The queue bridge. */
	QUEUE_BRIDGE("queue bridge", "purista.queue-bridge.type",
			Map.of("redis", "purista-spring-boot-starter-redis", "nats", "purista-spring-boot-starter-nats")),

	/** The state store. */
	STATE_STORE("state store", "purista.state-store.type",
			Map.of("redis", "purista-spring-boot-starter-redis", "dapr", "purista-spring-boot-starter-dapr")),

	/** The config store. */
	CONFIG_STORE("config store", "purista.config-store.type",
			Map.of("redis", "purista-spring-boot-starter-redis", "dapr", "purista-spring-boot-starter-dapr")),

	/** The secret store. */
	SECRET_STORE("secret store", "purista.secret-store.type",
			Map.of("aws", "purista-spring-boot-starter-aws", "dapr", "purista-spring-boot-starter-dapr"));

	private final String description;

	private final String property;

	private final Map<String, String> starters;

	PuristaComponent(String description, String property, Map<String, String> starters) {
		this.description = description;
		this.property = property;
		this.starters = starters;
	}

	/**
	 * What the component is, e.g. "event bridge".
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * The property that selects the type.
	 * @return the property name
	 */
	public String property() {
		return this.property;
	}

	/**
	 * The starter artifact that brings a type.
	 * @param type the type, e.g. {@code amqp}
	 * @return the artifact id, or {@code null} when no starter provides the type
	 */
	public @Nullable String starterFor(String type) {
		return this.starters.get(type.toLowerCase(Locale.ROOT));
	}

	/**
	 * All types that can be selected.
	 * @return {@code in-memory} and the starter-provided types
	 */
	public List<String> knownTypes() {
		return java.util.stream.Stream
			.concat(java.util.stream.Stream.of(PuristaProperties.IN_MEMORY), this.starters.keySet().stream().sorted())
			.toList();
	}

}
