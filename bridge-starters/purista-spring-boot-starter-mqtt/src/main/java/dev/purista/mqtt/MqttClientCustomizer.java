package dev.purista.mqtt;

import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;

/**
 * Customizes the HiveMQ MQTT 5 client builder of each of an {@link MqttEventBridge}'s connections before the client is
 * built, e.g. for TLS ({@code sslConfig()}), a WebSocket transport, a proxy or the automatic reconnect delays. The
 * bridge sets the identifier, server and its connected and disconnected listeners first (the disconnected listener
 * reconnects, 100 ms to 5 s apart); a customizer may override the identifier and server, but should add no
 * {@code automaticReconnect()}, which would also retry a failed first connect instead of failing the start. In a Spring application every
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
