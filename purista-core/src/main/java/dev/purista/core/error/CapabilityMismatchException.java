package dev.purista.core.error;

/**
 * A service definition asks for something the wired bridge cannot do (a durable subscription on a
 * non-durable event bridge, dead-lettering or strict idempotency on a queue bridge without them). Thrown at
 * start-up, before any work is taken.
 */
public class CapabilityMismatchException extends PuristaException {

	private static final long serialVersionUID = 1L;

	private final String definition;

	private final String capability;

	private final String bridge;

	/**
	 * Create the exception.
	 * @param definition the definition, e.g. {@code Email v1 subscription sendWelcomeMail}
	 * @param capability the capability it needs, e.g. {@code durableSubscriptions}
	 * @param bridge the bridge that lacks it
	 */
	public CapabilityMismatchException(String definition, String capability, String bridge) {
		super(definition + " requires capability '" + capability + "', which " + bridge
				+ " does not provide. Wire a bridge that provides it or relax the definition.");
		this.definition = definition;
		this.capability = capability;
		this.bridge = bridge;
	}

	/**
	 * The definition that asked for the capability.
	 * @return the definition description
	 */
	public String getDefinition() {
		return this.definition;
	}

	/**
	 * The missing capability.
	 * @return the capability name
	 */
	public String getCapability() {
		return this.capability;
	}

	/**
	 * The bridge lacking the capability.
	 * @return the bridge name
	 */
	public String getBridge() {
		return this.bridge;
	}

}
