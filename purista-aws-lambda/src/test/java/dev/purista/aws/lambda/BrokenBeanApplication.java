package dev.purista.aws.lambda;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An application whose context cannot start: a bean fails, as one missing its configuration does.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class BrokenBeanApplication {

	/** The message of the failing bean. */
	static final String FAILURE = "licence key missing: set LICENCE_KEY";

	@Bean
	Object licenceCheck() {
		throw new IllegalStateException(FAILURE);
	}

}
