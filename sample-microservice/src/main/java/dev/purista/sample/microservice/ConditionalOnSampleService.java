package dev.purista.sample.microservice;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

import dev.purista.sample.microservice.SampleMicroserviceProperties.Service;

/**
 * Matches when {@code sample.services} selects the given service.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnSampleServiceCondition.class)
@interface ConditionalOnSampleService {

	/**
	 * The service.
	 * @return the service that must be selected
	 */
	Service value();

}
