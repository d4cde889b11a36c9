package dev.purista.core.observation;

import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import dev.purista.core.message.MessageAddress;

/**
 * Creates PURISTA's observations with their common name, contextual name and low-cardinality tags.
 */
public final class PuristaObservations {

	private PuristaObservations() {
	}

	/**
	 * Create a not yet started observation.
	 * @param documentation which observation
	 * @param address the service function it is about (its target is tagged)
	 * @param context the context (sender or receiver context carrying the trace context)
	 * @param registry the registry
	 * @return the observation
	 */
	public static Observation create(PuristaObservation documentation, MessageAddress address,
			Supplier<? extends Observation.Context> context, ObservationRegistry registry) {
		return Observation.createNotStarted(documentation.getName(), context, registry)
			.contextualName(documentation.getName() + " " + address.serviceName() + "." + address.serviceTarget())
			.lowCardinalityKeyValue(PuristaObservation.LowCardinalityKeys.SERVICE_NAME.asString(),
					address.serviceName())
			.lowCardinalityKeyValue(PuristaObservation.LowCardinalityKeys.SERVICE_VERSION.asString(),
					address.serviceVersion())
			.lowCardinalityKeyValue(PuristaObservation.LowCardinalityKeys.TARGET.asString(), address.serviceTarget());
	}

}
