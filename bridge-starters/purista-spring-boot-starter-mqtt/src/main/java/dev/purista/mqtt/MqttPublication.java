package dev.purista.mqtt;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;

import dev.purista.core.bridge.support.OutboundBuffer;

/**
 * One MQTT publish of a response or event for the {@link OutboundBuffer}, and what to run once the broker
 * acknowledged it.
 */
final class MqttPublication implements OutboundBuffer.Publication {

	private final Supplier<Mqtt5AsyncClient> client;

	private final Mqtt5Publish publish;

	private final String kind;

	private final String description;

	private final Runnable acknowledged;

	private final long timeoutMillis;

	private final int size;

	MqttPublication(Supplier<Mqtt5AsyncClient> client, Mqtt5Publish publish, String kind, String description,
			Runnable acknowledged, long timeoutMillis) {
		this.client = client;
		this.publish = publish;
		this.kind = kind;
		this.description = description;
		this.acknowledged = acknowledged;
		this.timeoutMillis = timeoutMillis;
		this.size = publish.getPayload().map(ByteBuffer::remaining).orElse(0);
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
	 * Publish and wait for the broker's acknowledgement (QoS 1).
	 * @throws Exception if the broker did not acknowledge it within the operation timeout or refused it
	 */
	@Override
	public void publish() throws Exception {
		check(send().get(this.timeoutMillis, TimeUnit.MILLISECONDS));
		this.acknowledged.run();
	}

	/**
	 * Hand the publish to the client without waiting.
	 * @return completed with the broker's acknowledgement
	 */
	CompletableFuture<Mqtt5PublishResult> send() {
		return this.client.get().publish(this.publish);
	}

	/**
	 * Run what follows the broker's acknowledgement.
	 */
	void acknowledged() {
		this.acknowledged.run();
	}

	/**
	 * Throw the error a publish result carries, if any.
	 * @param result the result
	 * @throws Exception the error
	 */
	static void check(Mqtt5PublishResult result) throws Exception {
		if (result.getError().isPresent()) {
			Throwable error = result.getError().get();
			throw (error instanceof Exception ex) ? ex : new IllegalStateException(error);
		}
	}

}
