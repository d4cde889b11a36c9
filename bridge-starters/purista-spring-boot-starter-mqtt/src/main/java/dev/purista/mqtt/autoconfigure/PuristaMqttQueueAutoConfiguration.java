package dev.purista.mqtt.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaProperties;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.QueueBridge;
import dev.purista.mqtt.MqttServer;
import dev.purista.mqtt.queue.MqttQueueBridge;
import dev.purista.mqtt.queue.MqttQueueBridgeOptions;

/**
 * The MQTT-native queue bridge, selected with {@code purista.queue-bridge.type=mqtt}, on its own MQTT connection
 * to the broker of {@code purista.mqtt.*} (the {@link MqttServer} bean when the MQTT event bridge defines one,
 * else the same properties), with the topic prefix and operation timeout of {@code purista.mqtt.*} and the
 * queue settings of {@code purista.mqtt.queue.*}. Its instance id is {@code purista.event-bridge.instance-id}
 * (random when unset), so a fixed instance id also resumes the queue's persistent session. PURISTA's lifecycle
 * starts the bridge before the services and destroys it after they drained; its health is the {@code queueBridge}
 * member of the {@code purista} health contributor. Runs after {@link PuristaFoundationAutoConfiguration} and
 * before {@link PuristaAutoConfiguration}, whose in-memory fallback it takes the place of.
 */
@AutoConfiguration(after = { PuristaFoundationAutoConfiguration.class, PuristaMqttAutoConfiguration.class },
		before = PuristaAutoConfiguration.class)
@EnableConfigurationProperties({ PuristaMqttProperties.class, PuristaMqttQueueProperties.class })
@ConditionalOnProperty(name = "purista.queue-bridge.type", havingValue = "mqtt")
public final class PuristaMqttQueueAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(QueueBridge.class)
	MqttQueueBridge puristaMqttQueueBridge(ObjectProvider<MqttServer> servers, MessageCodec codec,
			PuristaProperties purista, PuristaMqttProperties mqtt, PuristaMqttQueueProperties queue) {
		MqttQueueBridgeOptions options = MqttQueueBridgeOptions.builder()
			.instanceId(purista.getEventBridge().getInstanceId())
			.topicPrefix(mqtt.getTopicPrefix())
			.operationTimeout(mqtt.getOperationTimeout())
			.shareGroup(queue.getShareGroup())
			.sessionExpiry(queue.getSessionExpiry())
			.memberTimeout(queue.getMemberTimeout())
			.assignTimeout(queue.getAssignTimeout())
			.defaultMaxAttempts(queue.getDefaultMaxAttempts())
			.defaultLeaseTtl(queue.getDefaultLeaseTtl())
			.build();
		return new MqttQueueBridge(servers.getIfAvailable(() -> server(mqtt)), codec, options);
	}

	private static MqttServer server(PuristaMqttProperties properties) {
		MqttServer fromUri = MqttServer.of(properties.getServerUri());
		return new MqttServer(fromUri.host(), fromUri.port(),
				(properties.getUsername() != null) ? properties.getUsername() : fromUri.username(),
				(properties.getPassword() != null) ? properties.getPassword() : fromUri.password());
	}

}
