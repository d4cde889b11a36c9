package dev.purista.amqp.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults the AMQP starter gives Spring Boot's RabbitMQ settings, at the lowest precedence (any property you
 * set wins): {@code spring.rabbitmq.publisher-confirm-type=simple}, so that events, retries and dead letters
 * wait for the broker's confirm.
 */
public class PuristaAmqpDefaults implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source. */
	public static final String PROPERTY_SOURCE = "puristaAmqpDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE,
					Map.of("spring.rabbitmq.publisher-confirm-type", "simple")));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
