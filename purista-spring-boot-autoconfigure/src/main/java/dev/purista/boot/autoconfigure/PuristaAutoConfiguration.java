package dev.purista.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureDescriber;
import dev.purista.core.annotation.PuristaService;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.bridge.memory.InMemoryEventBridgeOptions;
import dev.purista.core.bridge.memory.InMemoryEventHub;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.memory.InMemoryQueueBridge;
import dev.purista.core.service.AnnotatedServices;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.store.ConfigStore;
import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StateStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.core.store.memory.InMemoryConfigStore;
import dev.purista.core.store.memory.InMemoryStateStore;
import dev.purista.core.validation.JsonSchemas;
import dev.purista.core.validation.PayloadValidator;

/**
 * Second step of PURISTA's auto-configuration: the bridges and stores selected by {@code purista.*.type}
 * (in-memory ones here, when no bridge starter contributed one), the {@link ServiceEnvironment}, and the
 * lifecycles that connect the bridges and run every {@link PuristaService} bean and {@link ServiceDefinition}
 * bean. Runs after {@link PuristaFoundationAutoConfiguration} and after the bridge starters, which order
 * themselves between the two. Every bean can be replaced by declaring one of the same type; the in-memory
 * event bridge's options can be adjusted with {@link InMemoryEventBridgeOptionsCustomizer} beans.
 */
@AutoConfiguration(after = PuristaFoundationAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
public final class PuristaAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(EventBridge.class)
	EventBridge puristaEventBridge(PuristaProperties properties, Environment environment, MessageCodec codec,
			ObjectProvider<InMemoryEventBridgeOptionsCustomizer> customizers) {
		PuristaProperties.EventBridge settings = properties.getEventBridge();
		requireInMemory(PuristaComponent.EVENT_BRIDGE, settings.getType());
		if (environment.acceptsProfiles(Profiles.of("production")) && !properties.getProduction().isAllowInMemory()) {
			throw new InMemoryEventBridgeInProductionException();
		}
		PuristaProperties.InMemory inMemory = settings.getInMemory();
		InMemoryEventBridgeOptions.Builder options = InMemoryEventBridgeOptions.builder()
			.instanceId(settings.getInstanceId())
			.defaultCommandTimeout(settings.getDefaultCommandTimeout())
			.isolation(inMemory.isIsolation())
			.maxHandlerThreads(inMemory.getMaxHandlerThreads())
			.handlerExecution(inMemory.getHandlerExecution());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(options));
		return new InMemoryEventBridge(new InMemoryEventHub(), options.build(), codec);
	}

	@Bean
	@ConditionalOnMissingBean(QueueBridge.class)
	QueueBridge puristaQueueBridge(PuristaProperties properties) {
		requireInMemory(PuristaComponent.QUEUE_BRIDGE, properties.getQueueBridge().getType());
		return new InMemoryQueueBridge();
	}

	@Bean
	@ConditionalOnMissingBean(StateStore.class)
	StateStore puristaStateStore(PuristaProperties properties, MessageCodec codec) {
		requireInMemory(PuristaComponent.STATE_STORE, properties.getStateStore().getType());
		return new InMemoryStateStore(StoreOptions.stateDefaults(), Map.of(), codec);
	}

	@Bean
	@ConditionalOnMissingBean(ConfigStore.class)
	ConfigStore puristaConfigStore(PuristaProperties properties, MessageCodec codec) {
		requireInMemory(PuristaComponent.CONFIG_STORE, properties.getConfigStore().getType());
		return new InMemoryConfigStore(StoreOptions.configDefaults(), Map.of(), codec);
	}

	@Bean
	@ConditionalOnMissingBean(SecretStore.class)
	SecretStore puristaSecretStore(PuristaProperties properties, Environment environment) {
		requireInMemory(PuristaComponent.SECRET_STORE, properties.getSecretStore().getType());
		return LocalSecrets.createStore(properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	ServiceEnvironment puristaServiceEnvironment(EventBridge eventBridge, QueueBridge queueBridge,
			StateStore stateStore, ConfigStore configStore, SecretStore secretStore, MessageCodec codec,
			PayloadValidator validator, JsonSchemas schemas, ObjectProvider<ObservationRegistry> observationRegistry) {
		return new ServiceEnvironment(eventBridge, queueBridge, stateStore, configStore, secretStore, codec,
				validator, schemas, observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Bean
	@ConditionalOnMissingBean
	PuristaConnections puristaConnections(ServiceEnvironment environment,
			ObjectProvider<BrokerConnectionFailureDescriber> describers) {
		return new PuristaConnections(environment, describers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	PuristaServices puristaServices(ServiceEnvironment environment, ListableBeanFactory beanFactory,
			PuristaProperties properties, ApplicationEventPublisher publisher, Environment springEnvironment) {
		DefinitionOverrides overrides = new DefinitionOverrides(properties);
		Duration timeout = Binder.get(springEnvironment)
			.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
			.orElse(Duration.ofSeconds(30));
		return new PuristaServices(environment, () -> definitions(beanFactory).stream().map(overrides::apply).toList(),
				publisher, timeout);
	}

	private static List<ServiceDefinition> definitions(ListableBeanFactory beanFactory) {
		List<ServiceDefinition> definitions = new ArrayList<>(
				beanFactory.getBeansOfType(ServiceDefinition.class).values());
		for (Map.Entry<String, Object> service : beanFactory.getBeansWithAnnotation(PuristaService.class).entrySet()) {
			definitions.add(AnnotatedServices.definitionOf(service.getValue()));
		}
		return definitions;
	}

	private static void requireInMemory(PuristaComponent component, String type) {
		if (!PuristaProperties.IN_MEMORY.equalsIgnoreCase(type)) {
			throw new MissingBridgeStarterException(component, type);
		}
	}

}
