package dev.purista.test.broker;

import org.jspecify.annotations.Nullable;

/**
 * Starts brokers in containers when the environment names none.
 */
interface ContainerSupport {

	/**
	 * The class whose presence tells that Testcontainers is on the class path.
	 */
	String TESTCONTAINERS_CLASS = "org.testcontainers.DockerClientFactory";

	/**
	 * Returns why no container can be started, or {@code null} when one can. May block while Docker is
	 * probed.
	 * @return the reason, or {@code null}
	 */
	@Nullable String unavailableReason();

	/**
	 * Starts the broker in a container and returns its address; blocks until the broker listens.
	 * @param broker the broker to start
	 * @return the address of the started broker
	 */
	BrokerAddress start(Broker broker);

	/**
	 * Returns Testcontainers support when Testcontainers is on the class path, else a support that
	 * starts nothing and says why.
	 * @param classLoader the class loader to look in
	 * @return the container support
	 */
	static ContainerSupport detect(@Nullable ClassLoader classLoader) {
		try {
			Class.forName(TESTCONTAINERS_CLASS, false, classLoader);
			return new TestcontainersSupport();
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return unavailable("Testcontainers is not on the test class path");
		}
	}

	/**
	 * Returns a support that starts nothing, for the given reason.
	 * @param reason why no container can be started
	 * @return the container support
	 */
	static ContainerSupport unavailable(String reason) {
		return new ContainerSupport() {

			@Override
			public String unavailableReason() {
				return reason;
			}

			@Override
			public BrokerAddress start(Broker broker) {
				throw new IllegalStateException("Cannot start " + broker.displayName() + ": " + reason);
			}

		};
	}

}
