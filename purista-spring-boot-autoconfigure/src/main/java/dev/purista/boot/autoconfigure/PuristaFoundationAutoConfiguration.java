package dev.purista.boot.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.validation.JsonSchemas;
import dev.purista.core.validation.PayloadValidator;

/**
 * First step of PURISTA's auto-configuration: what bridges and stores are built from, the {@link MessageCodec},
 * the {@link PayloadValidator}, the {@link JsonSchemas} and the {@link PuristaProperties}. Bridge starters run
 * after this class and before {@link PuristaAutoConfiguration}, so they can inject these beans and condition on
 * them; ordered after Boot's observation auto-configuration, so the starters see its {@code ObservationRegistry}
 * too. Every bean can be replaced by declaring one of the same type.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@EnableConfigurationProperties(PuristaProperties.class)
public final class PuristaFoundationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MessageCodec puristaMessageCodec() {
		return new MessageCodec();
	}

	@Bean
	@ConditionalOnMissingBean
	PayloadValidator puristaPayloadValidator(MessageCodec codec) {
		return new PayloadValidator(codec);
	}

	@Bean
	@ConditionalOnMissingBean
	JsonSchemas puristaJsonSchemas() {
		return new JsonSchemas();
	}

}
