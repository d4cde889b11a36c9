package dev.purista.mqtt.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaProperties;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.message.MessageCodec;
import dev.purista.mqtt.MqttEventBridge;
import dev.purista.mqtt.MqttEventBridgeOptions;
import dev.purista.mqtt.MqttServer;

/**
 * The MQTT event bridge, selected with {@code purista.event-bridge.type=mqtt}, on the MQTT 5 broker configured by
 * {@code purista.mqtt.*} (server URI, credentials); its client identifier is the instance id
 * ({@code purista.event-bridge.instance-id}, random when unset). PURISTA's lifecycle starts the bridge (connecting
 * to the broker) before the services and destroys it (disconnecting) after they drained. Runs after
 * {@link PuristaFoundationAutoConfiguration}, whose codec and properties it uses, and before
 * {@link PuristaAutoConfiguration}, whose in-memory fallback it takes the place of.
 */
@AutoConfiguration(after = PuristaFoundationAutoConfiguration.class, before = PuristaAutoConfiguration.class)
@EnableConfigurationProperties(PuristaMqttProperties.class)
@ConditionalOnProperty(name = "purista.event-bridge.type", havingValue = "mqtt")
public final class PuristaMqttAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MqttServer puristaMqttServer(PuristaMqttProperties properties) {
		MqttServer fromUri = MqttServer.of(properties.getServerUri());
		return new MqttServer(fromUri.host(), fromUri.port(),
				(properties.getUsername() != null) ? properties.getUsername() : fromUri.username(),
				(properties.getPassword() != null) ? properties.getPassword() : fromUri.password());
	}

	@Bean
	@ConditionalOnMissingBean(EventBridge.class)
	MqttEventBridge puristaMqttEventBridge(MqttServer server, MessageCodec codec, PuristaProperties purista,
			PuristaMqttProperties mqtt) {
		MqttEventBridgeOptions options = MqttEventBridgeOptions.builder()
			.instanceId(purista.getEventBridge().getInstanceId())
			.defaultCommandTimeout(purista.getEventBridge().getDefaultCommandTimeout())
			.topicPrefix(mqtt.getTopicPrefix())
			.shareGroup(mqtt.getShareGroup())
			.messageExpiry(mqtt.getMessageExpiry())
			.sessionExpiry(mqtt.getSessionExpiry())
			.handlerThreads(mqtt.getHandlerThreads())
			.settleTimeout(mqtt.getSettleTimeout())
			.operationTimeout(mqtt.getOperationTimeout())
			.build();
		return new MqttEventBridge(server, codec, options);
	}

}
