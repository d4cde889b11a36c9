package dev.purista.test.broker;

import java.net.URI;
import java.net.URISyntaxException;

import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts brokers with Testcontainers. Loaded only when Testcontainers is on the class path; each broker
 * is started at most once per JVM and removed by Testcontainers when the JVM exits.
 */
final class TestcontainersSupport implements ContainerSupport {

	@Override
	public @Nullable String unavailableReason() {
		return DockerClientFactory.instance().isDockerAvailable() ? null
				: "Testcontainers found no running Docker environment";
	}

	@Override
	@SuppressWarnings("resource") // stays up for the JVM's lifetime; Testcontainers removes it at exit
	public BrokerAddress start(Broker broker) {
		GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(broker.image()))
			.withExposedPorts(broker.defaultPort());
		if (!broker.containerCommand().isEmpty()) {
			container.withCommand(broker.containerCommand().toArray(String[]::new));
		}
		container.start();
		try {
			String userInfo = broker.containerUserInfo().isEmpty() ? null : broker.containerUserInfo();
			URI uri = new URI(broker.scheme(), userInfo, container.getHost(),
					container.getMappedPort(broker.defaultPort()), null, null, null);
			return new BrokerAddress(broker, uri, BrokerAddress.Source.TESTCONTAINERS);
		}
		catch (URISyntaxException ex) {
			container.stop();
			throw new IllegalStateException("Cannot address the " + broker.displayName() + " container", ex);
		}
	}

}
