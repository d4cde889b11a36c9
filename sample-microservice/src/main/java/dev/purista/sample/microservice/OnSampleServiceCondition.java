package dev.purista.sample.microservice;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.purista.sample.microservice.SampleMicroserviceProperties.Service;

/**
 * The condition of {@link ConditionalOnSampleService}.
 */
class OnSampleServiceCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = Objects.requireNonNull(
				metadata.getAnnotationAttributes(ConditionalOnSampleService.class.getName()));
		Service service = (Service) attributes.get("value");
		Set<Service> selected = SampleMicroserviceProperties.bind(context.getEnvironment()).getServices();
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnSampleService.class,
				"(" + service + ")");
		return selected.contains(service) ? ConditionOutcome.match(message.because("sample.services selects it"))
				: ConditionOutcome.noMatch(message.because("sample.services is " + selected));
	}

}
