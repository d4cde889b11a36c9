package dev.purista.mqtt.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaProperties;
import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureDescriber;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.message.MessageCodec;
import dev.purista.mqtt.MqttClientCustomizer;
import dev.purista.mqtt.MqttEventBridge;
import dev.purista.mqtt.MqttEventBridgeOptions;
import dev.purista.mqtt.MqttServer;

/**
 * The MQTT event bridge, selected with {@code purista.event-bridge.type=mqtt}, on the MQTT 5 broker configured by
 * {@code purista.mqtt.*} (server URI, credentials, TLS through {@code purista.mqtt.ssl.*} and Spring Boot's SSL
 * bundles, session settings); every {@link MqttClientCustomizer} bean adjusts its HiveMQ clients, and a
 * {@link BrokerConnectionFailureDescriber} explains a broker it cannot reach at start-up; its client identifier is
 * the instance id
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
			PuristaMqttProperties mqtt, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<MqttClientCustomizer> customizers) {
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
			.cleanStart(mqtt.isCleanStart())
			.outboundBuffer(purista.getEventBridge().getOutboundBuffer().toLimits())
			.build();
		List<MqttClientCustomizer> applied = new ArrayList<>();
		MqttClientCustomizer tls = tls(mqtt, sslBundles);
		if (tls != null) {
			applied.add(tls);
		}
		customizers.orderedStream().forEach(applied::add);
		return new MqttEventBridge(server, codec, options, applied);
	}

	@Bean
	BrokerConnectionFailureDescriber puristaMqttConnectionFailureDescriber(MqttServer server,
			PuristaMqttProperties mqtt) {
		return new MqttConnectionFailureDescriber(server.toString(), tlsEnabled(mqtt));
	}

	private static boolean tlsEnabled(PuristaMqttProperties mqtt) {
		PuristaMqttProperties.Ssl ssl = mqtt.getSsl();
		String scheme = (mqtt.getServerUri().getScheme() != null)
				? mqtt.getServerUri().getScheme().toLowerCase(Locale.ROOT) : "";
		return (ssl.getEnabled() != null) ? ssl.getEnabled()
				: ssl.getBundle() != null || scheme.equals("mqtts") || scheme.equals("ssl");
	}

	/**
	 * TLS when {@code purista.mqtt.ssl.enabled}, a bundle or an {@code mqtts}/{@code ssl} server URI asks for it:
	 * the bundle's key and trust managers, protocols and ciphers, else the JVM's defaults.
	 */
	private static @Nullable MqttClientCustomizer tls(PuristaMqttProperties mqtt,
			ObjectProvider<SslBundles> sslBundles) {
		PuristaMqttProperties.Ssl ssl = mqtt.getSsl();
		if (!tlsEnabled(mqtt)) {
			return null;
		}
		if (ssl.getBundle() == null) {
			return (builder, identifier) -> builder.sslWithDefaultConfig();
		}
		SslBundle bundle = sslBundles.getObject().getBundle(ssl.getBundle());
		return (builder, identifier) -> {
			var config = builder.sslConfig()
				.keyManagerFactory(bundle.getManagers().getKeyManagerFactory())
				.trustManagerFactory(bundle.getManagers().getTrustManagerFactory());
			if (bundle.getOptions().getEnabledProtocols() != null) {
				config.protocols(List.of(bundle.getOptions().getEnabledProtocols()));
			}
			if (bundle.getOptions().getCiphers() != null) {
				config.cipherSuites(List.of(bundle.getOptions().getCiphers()));
			}
			config.applySslConfig();
		};
	}

}
