package dev.purista.boot.autoconfigure;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The replaceable parts of PURISTA, the types each can be, and the starter that brings each type. Used to
 * explain a selected type whose implementation is missing: either its starter is not on the classpath, or it
 * is and its auto-configuration did not provide the part.
 */
public enum PuristaComponent {

	/** The event bridge. */
	EVENT_BRIDGE("event bridge", "purista.event-bridge.type",
			Map.of("amqp", new Starter("purista-spring-boot-starter-amqp",
					"dev.purista.amqp.autoconfigure.PuristaAmqpAutoConfiguration",
					"a Spring AMQP connection factory: a ConnectionFactory bean, which Spring Boot configures from "
							+ "spring.rabbitmq.* (for example spring.rabbitmq.host=localhost)"), "nats",
					new Starter("purista-spring-boot-starter-nats",
							"dev.purista.nats.autoconfigure.PuristaNatsAutoConfiguration",
							"a reachable NATS server: purista.nats.servers (for example "
									+ "purista.nats.servers=nats://localhost:4222)"),
					"mqtt",
					new Starter("purista-spring-boot-starter-mqtt",
							"dev.purista.mqtt.autoconfigure.PuristaMqttAutoConfiguration",
							"a reachable MQTT 5 broker: purista.mqtt.server-uri (for example "
									+ "purista.mqtt.server-uri=tcp://localhost:1883)"))),

	/** The queue bridge. */
	QUEUE_BRIDGE("queue bridge", "purista.queue-bridge.type",
			Map.of("redis", Starter.redis("dev.purista.redis.autoconfigure.PuristaRedisQueueAutoConfiguration"), "nats",
					new Starter("purista-spring-boot-starter-nats",
							"dev.purista.nats.autoconfigure.PuristaNatsAutoConfiguration",
							"a reachable NATS server with JetStream: purista.nats.servers (for example "
									+ "purista.nats.servers=nats://localhost:4222)"),
					"mqtt",
					new Starter("purista-spring-boot-starter-mqtt",
							"dev.purista.mqtt.autoconfigure.PuristaMqttQueueAutoConfiguration",
							"a reachable MQTT 5 broker: purista.mqtt.server-uri (for example "
									+ "purista.mqtt.server-uri=tcp://localhost:1883)"))),

	/** The state store. */
	STATE_STORE("state store", "purista.state-store.type",
			Map.of("redis", Starter.redis("dev.purista.redis.autoconfigure.PuristaRedisStoresAutoConfiguration"),
					"dapr", new Starter("purista-spring-boot-starter-dapr",
							"dev.purista.dapr.autoconfigure.PuristaDaprStateStoreAutoConfiguration", null),
					"nats", new Starter("purista-spring-boot-starter-nats",
							"dev.purista.nats.autoconfigure.PuristaNatsStateStoreAutoConfiguration",
							"a reachable NATS server with JetStream: purista.nats.servers (for example "
									+ "purista.nats.servers=nats://localhost:4222)"))),

	/** The config store. */
	CONFIG_STORE("config store", "purista.config-store.type",
			Map.of("redis", Starter.redis("dev.purista.redis.autoconfigure.PuristaRedisStoresAutoConfiguration"),
					"dapr", new Starter("purista-spring-boot-starter-dapr",
							"dev.purista.dapr.autoconfigure.PuristaDaprConfigStoreAutoConfiguration", null))),

	/** The secret store. */
	SECRET_STORE("secret store", "purista.secret-store.type",
			Map.of("aws", new Starter("purista-spring-boot-starter-aws",
					"dev.purista.aws.autoconfigure.PuristaAwsSecretStoreAutoConfiguration",
					"a Secrets Manager client: the SecretsManagerClient bean Spring Cloud AWS configures from "
							+ "spring.cloud.aws.* (for example spring.cloud.aws.region.static=eu-central-1)"),
					"dapr", new Starter("purista-spring-boot-starter-dapr",
							"dev.purista.dapr.autoconfigure.PuristaDaprSecretStoreAutoConfiguration", null)));

	private final String description;

	private final String property;

	private final Map<String, Starter> starters;

	PuristaComponent(String description, String property, Map<String, Starter> starters) {
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
	 * The starter that brings a type.
	 * @param type the type, e.g. {@code amqp}
	 * @return the starter, or {@code null} when no starter provides the type
	 */
	public @Nullable Starter starterFor(String type) {
		return this.starters.get(type.toLowerCase(Locale.ROOT));
	}

	/**
	 * All types that can be selected.
	 * @return {@code in-memory} and the starter-provided types
	 */
	public List<String> knownTypes() {
		return Stream.concat(Stream.of(PuristaProperties.IN_MEMORY), this.starters.keySet().stream().sorted()).toList();
	}

	/**
	 * A starter that brings a type of a component.
	 *
	 * @param artifactId the starter's artifact id; its group is {@code dev.purista}
	 * @param autoConfiguration the fully qualified name of the starter's auto-configuration that provides the
	 * component, whose presence on the classpath shows the starter is there; {@code null} for a planned starter
	 * that is not released yet (the failure analysis then names no artifact)
	 * @param requirement what that auto-configuration needs besides the starter, or {@code null}
	 */
	public record Starter(String artifactId, @Nullable String autoConfiguration, @Nullable String requirement) {

		Starter(String artifactId) {
			this(artifactId, null, null);
		}

		static Starter redis(String autoConfiguration) {
			return new Starter("purista-spring-boot-starter-redis", autoConfiguration,
					"a Spring Data Redis connection factory: a RedisConnectionFactory bean, which Spring Boot "
							+ "configures from spring.data.redis.* (for example spring.data.redis.url=redis://localhost:6379)");
		}

		/**
		 * The starter's Maven coordinates without version.
		 * @return {@code dev.purista:<artifactId>}
		 */
		public String coordinates() {
			return "dev.purista:" + this.artifactId;
		}

	}

}
