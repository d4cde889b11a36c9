package dev.purista.mqtt;

import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;

/**
 * Customizes the HiveMQ MQTT 5 client builder of each of an {@link MqttEventBridge}'s connections before the client is
 * built, e.g. for TLS ({@code sslConfig()}), a WebSocket transport, a proxy or the automatic reconnect delays. The
 * bridge sets the identifier, server, automatic reconnect and its listeners first; a customizer may override them,
 * but must keep automatic reconnect for the outage behaviour the bridge promises. In a Spring application every
 * {@code MqttClientCustomizer} bean is applied, in order.
 */
@FunctionalInterface
public interface MqttClientCustomizer {

	/**
	 * Customize a client builder.
	 * @param builder the builder of one connection
	 * @param identifier the connection's client identifier (the instance id, or the instance id with
	 * {@code -shared} for the connection of the shared subscriptions)
	 */
	void customize(Mqtt5ClientBuilder builder, String identifier);

}
