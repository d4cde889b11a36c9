package dev.purista.boot.autoconfigure.diagnostics;

import org.jspecify.annotations.Nullable;

/**
 * Recognises a broker client's connection failure and describes it for the failure analysis: the technology,
 * the address tried, the property that sets it and an example. Each starter registers one as a bean;
 * {@link dev.purista.boot.autoconfigure.PuristaConnections} asks them, in order, when starting a bridge fails.
 * Called once, on the starting thread.
 */
@FunctionalInterface
public interface BrokerConnectionFailureDescriber {

	/**
	 * Describe a failure to start a bridge or store, if it is this broker's connection failure.
	 * @param failure what starting threw
	 * @return the described failure (with {@code failure} as its cause), or {@code null} when this describer
	 * does not recognise it
	 */
	@Nullable BrokerConnectionFailureException describe(Throwable failure);

	/**
	 * Find an exception of a type in a failure's causes.
	 * @param <T> the type
	 * @param failure the failure
	 * @param type the type to look for
	 * @return the first exception of that type, the failure itself included, or {@code null}
	 */
	static <T extends Throwable> @Nullable T findCause(Throwable failure, Class<T> type) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return null;
	}

}
