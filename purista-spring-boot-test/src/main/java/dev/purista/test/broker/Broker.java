package dev.purista.test.broker;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A broker integration tests can ask for, with the variable that holds its address and the image
 * Testcontainers starts when that variable is not set.
 */
public enum Broker {

	/**
	 * Redis, addressed as {@code redis://host:port}.
	 */
	REDIS("Redis", "PURISTA_TEST_REDIS_URL", "redis", "redis://127.0.0.1:6390", "redis:7", 6379, null,
			List.of()),

	/**
	 * RabbitMQ (AMQP 0-9-1), addressed as {@code amqp://user:password@host:port}.
	 */
	RABBITMQ("RabbitMQ", "PURISTA_TEST_RABBITMQ_URL", "amqp", "amqp://guest:guest@127.0.0.1:5673", "rabbitmq:3",
			5672, "guest:guest", List.of()),

	/**
	 * NATS with JetStream, addressed as {@code nats://host:port}.
	 */
	NATS("NATS", "PURISTA_TEST_NATS_URL", "nats", "nats://127.0.0.1:4223", "nats:2", 4222, null, List.of("-js")),

	/**
	 * An MQTT 5 broker (Mosquitto), addressed as {@code tcp://host:port}.
	 */
	MQTT("MQTT", "PURISTA_TEST_MQTT_URL", "tcp", "tcp://127.0.0.1:1884", "eclipse-mosquitto:2", 1883, null,
			List.of("mosquitto", "-c", "/mosquitto-no-auth.conf"));

	private final String displayName;

	private final String environmentVariable;

	private final String scheme;

	private final String exampleUrl;

	private final String image;

	private final int containerPort;

	private final String containerUserInfo;

	private final List<String> containerCommand;

	Broker(String displayName, String environmentVariable, String scheme, String exampleUrl, String image,
			int containerPort, @Nullable String containerUserInfo,
			List<String> containerCommand) {
		this.displayName = displayName;
		this.environmentVariable = environmentVariable;
		this.scheme = scheme;
		this.exampleUrl = exampleUrl;
		this.image = image;
		this.containerPort = containerPort;
		this.containerUserInfo = (containerUserInfo != null) ? containerUserInfo : "";
		this.containerCommand = containerCommand;
	}

	/**
	 * Returns the name to show in messages, such as {@code RabbitMQ}.
	 * @return the display name
	 */
	public String displayName() {
		return this.displayName;
	}

	/**
	 * Returns the environment variable that holds the broker's address, such as
	 * {@code PURISTA_TEST_RABBITMQ_URL}.
	 * @return the variable name
	 */
	public String environmentVariable() {
		return this.environmentVariable;
	}

	/**
	 * Returns the URL scheme of the broker's address, such as {@code amqp}.
	 * @return the scheme
	 */
	public String scheme() {
		return this.scheme;
	}

	/**
	 * Returns the address {@code scripts/brokers.sh start} prints for this broker, for messages.
	 * @return an example address
	 */
	public String exampleUrl() {
		return this.exampleUrl;
	}

	/**
	 * Returns the Docker image Testcontainers starts, such as {@code rabbitmq:3}.
	 * @return the image name
	 */
	public String image() {
		return this.image;
	}

	/**
	 * Returns the port the broker listens on inside its container, which is also the port an address
	 * without one defaults to.
	 * @return the broker's standard port
	 */
	public int defaultPort() {
		return this.containerPort;
	}

	String containerUserInfo() {
		return this.containerUserInfo;
	}

	List<String> containerCommand() {
		return this.containerCommand;
	}

}
