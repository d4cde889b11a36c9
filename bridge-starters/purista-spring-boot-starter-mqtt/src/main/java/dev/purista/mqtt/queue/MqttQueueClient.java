package dev.purista.mqtt.queue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import org.jspecify.annotations.Nullable;

import dev.purista.mqtt.MqttConnectionException;
import dev.purista.mqtt.MqttServer;

/**
 * The queue bridge's own MQTT 5 connection: client identifier {@code <instanceId>-queue}, a persistent session
 * ({@code cleanStart=false}, the configured session expiry), automatic reconnect, manual acknowledgement of every
 * received message (handed to one inbound executor, in order), and a will that clears the instance's member
 * record when the broker loses the connection. Blocking calls wait up to the operation timeout.
 */
final class MqttQueueClient {

	/** Appended to the instance id to name the queue bridge's MQTT client. */
	static final String CLIENT_SUFFIX = "-queue";

	private final MqttServer server;

	private final String clientId;

	private final Duration sessionExpiry;

	private final Duration operationTimeout;

	private final Mqtt5AsyncClient client;

	private final String willTopic;

	MqttQueueClient(MqttServer server, String instanceId, MqttQueueBridgeOptions options, String willTopic,
			Consumer<Mqtt5Publish> onPublish, Executor inbound) {
		this.server = server;
		this.clientId = instanceId + CLIENT_SUFFIX;
		this.sessionExpiry = options.sessionExpiry();
		this.operationTimeout = options.operationTimeout();
		this.willTopic = willTopic;
		this.client = MqttClient.builder()
			.useMqttVersion5()
			.identifier(this.clientId)
			.serverHost(server.host())
			.serverPort(server.port())
			.automaticReconnect()
			.initialDelay(100, TimeUnit.MILLISECONDS)
			.maxDelay(5, TimeUnit.SECONDS)
			.applyAutomaticReconnect()
			.buildAsync();
		this.client.publishes(MqttGlobalPublishFilter.ALL, onPublish, inbound, true);
	}

	String clientId() {
		return this.clientId;
	}

	/**
	 * Connect, resuming the session of the same client identifier when the broker still keeps it.
	 * @throws MqttConnectionException if the broker cannot be reached or refuses the connection
	 */
	void connect() {
		await(this.client.connectWith()
			.cleanStart(false)
			.sessionExpiryInterval(this.sessionExpiry.toSeconds())
			.simpleAuth(simpleAuth())
			.willPublish()
			.topic(this.willTopic)
			.payload(new byte[0])
			.qos(MqttQos.AT_LEAST_ONCE)
			.retain(true)
			.applyWillPublish()
			.send(), "connect");
	}

	boolean isConnected() {
		return this.client.getState().isConnected();
	}

	/**
	 * Publish at QoS 1 without waiting for the broker's acknowledgement.
	 * @param topic the topic
	 * @param payload the payload
	 * @param retain whether the broker keeps it as the topic's retained message
	 * @param properties user properties
	 * @return completes when the broker acknowledged it
	 */
	CompletableFuture<Mqtt5PublishResult> publishAsync(String topic, byte[] payload, boolean retain,
			Mqtt5UserProperties properties) {
		return this.client.publishWith()
			.topic(topic)
			.payload(payload)
			.qos(MqttQos.AT_LEAST_ONCE)
			.retain(retain)
			.userProperties(properties)
			.send();
	}

	/**
	 * Publish at QoS 1 and wait until the broker acknowledged it.
	 * @param topic the topic
	 * @param payload the payload
	 * @param retain whether the broker keeps it as the topic's retained message
	 * @param properties user properties
	 * @param operation what is done, for the message
	 * @throws MqttConnectionException if the broker did not take the message
	 */
	void publish(String topic, byte[] payload, boolean retain, Mqtt5UserProperties properties, String operation) {
		complete(publishAsync(topic, payload, retain, properties), operation);
	}

	/**
	 * Wait until the broker acknowledged a publication.
	 * @param publication the publication
	 * @param operation what is done, for the message
	 * @throws MqttConnectionException if the broker did not take the message
	 */
	void complete(CompletableFuture<Mqtt5PublishResult> publication, String operation) {
		Mqtt5PublishResult result = await(publication, operation);
		Optional<String> error = failed(result);
		if (error.isPresent()) {
			throw new MqttConnectionException(MqttQueueBridge.NAME + " " + this.clientId + " could not " + operation
					+ " on the MQTT broker " + this.server + ": " + error.get(), null);
		}
	}

	/**
	 * Why a publication failed.
	 * @param result the result
	 * @return the reason, empty when the broker took it
	 */
	static Optional<String> failed(Mqtt5PublishResult result) {
		if (result.getError().isPresent()) {
			return Optional.of(String.valueOf(result.getError().get().getMessage()));
		}
		if (result instanceof Mqtt5PublishResult.Mqtt5Qos1Result qos1 && qos1.getPubAck().getReasonCode().isError()) {
			return Optional.of("PUBACK " + qos1.getPubAck().getReasonCode());
		}
		return Optional.empty();
	}

	/**
	 * Subscribe at QoS 1 and wait for the broker's acknowledgement.
	 * @param filter the topic filter
	 * @throws MqttConnectionException if the broker refused it
	 */
	void subscribe(String filter) {
		Mqtt5SubAck subAck = await(this.client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send(),
				"subscribe to " + filter);
		for (Mqtt5SubAckReasonCode code : subAck.getReasonCodes()) {
			if (code.isError()) {
				throw new MqttConnectionException(MqttQueueBridge.NAME + " " + this.clientId
						+ " could not subscribe to " + filter + " on the MQTT broker " + this.server + ": " + code,
						null);
			}
		}
	}

	void unsubscribe(String filter) {
		await(this.client.unsubscribeWith().topicFilter(filter).send(), "unsubscribe from " + filter);
	}

	/**
	 * Disconnect normally (the will is not sent; the broker keeps the session for the session expiry).
	 */
	void disconnect() {
		if (!this.client.getState().isConnectedOrReconnect()) {
			return;
		}
		try {
			this.client.disconnect().get(this.operationTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			// the connection is gone either way
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private @Nullable Mqtt5SimpleAuth simpleAuth() {
		String username = this.server.username();
		String password = this.server.password();
		if (username == null && password == null) {
			return null;
		}
		Mqtt5SimpleAuthBuilder.Complete auth = (username != null) ? Mqtt5SimpleAuth.builder().username(username)
				: Mqtt5SimpleAuth.builder().password(password.getBytes(StandardCharsets.UTF_8));
		if (username != null && password != null) {
			auth = auth.password(password.getBytes(StandardCharsets.UTF_8));
		}
		return auth.build();
	}

	private <T> T await(CompletableFuture<T> future, String operation) {
		try {
			return future.get(this.operationTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new MqttConnectionException(MqttQueueBridge.NAME + " " + this.clientId + " could not " + operation
					+ " on the MQTT broker " + this.server + ": " + cause.getMessage(), cause);
		}
		catch (TimeoutException ex) {
			throw new MqttConnectionException(MqttQueueBridge.NAME + " " + this.clientId + " could not " + operation
					+ " on the MQTT broker " + this.server + " within " + this.operationTimeout.toMillis() + " ms",
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MqttConnectionException(MqttQueueBridge.NAME + " " + this.clientId + " was interrupted: "
					+ operation, ex);
		}
	}

}
