package dev.purista.test.broker;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BrokerResolution}, with an injected environment instead of the real one.
 */
class BrokerResolutionTests {

	private final Map<String, String> environment = new HashMap<>();

	private final Map<String, String> systemProperties = new HashMap<>();

	private final FakeContainers containers = new FakeContainers();

	@Test
	void resolveReturnsAddressFromVariableWithoutAskingForContainers() {
		this.environment.put("PURISTA_TEST_RABBITMQ_URL", "amqp://guest:secret@127.0.0.1:5673");
		this.containers.dockerAvailable = true;
		BrokerAddress address = resolution().resolve(Broker.RABBITMQ);
		assertThat(address.broker()).isEqualTo(Broker.RABBITMQ);
		assertThat(address.host()).isEqualTo("127.0.0.1");
		assertThat(address.port()).isEqualTo(5673);
		assertThat(address.username()).isEqualTo("guest");
		assertThat(address.password()).isEqualTo("secret");
		assertThat(address.source()).isEqualTo(BrokerAddress.Source.ENVIRONMENT);
		assertThat(address.toString()).doesNotContain("secret");
		assertThat(this.containers.probes.get()).isZero();
		assertThat(this.containers.starts.get()).isZero();
	}

	@Test
	void resolveUsesBrokersStandardPortWhenVariableHasNone() {
		this.environment.put("PURISTA_TEST_NATS_URL", "nats://localhost");
		BrokerAddress address = resolution().resolve(Broker.NATS);
		assertThat(address.uri()).isEqualTo(URI.create("nats://localhost:4222"));
	}

	@ParameterizedTest
	@EnumSource(Broker.class)
	void resolveAcceptsTheAddressBrokersScriptPrints(Broker broker) {
		this.environment.put(broker.environmentVariable(), broker.exampleUrl());
		assertThat(resolution().resolve(broker).url()).isEqualTo(broker.exampleUrl());
		assertThat(broker.environmentVariable()).isEqualTo("PURISTA_TEST_" + broker.name() + "_URL");
	}

	@Test
	void resolveSkipsWithReasonWhenVariableIsAbsentAndDockerIsNot() {
		assertThatExceptionOfType(TestAbortedException.class).isThrownBy(() -> resolution().resolve(Broker.REDIS))
			.withMessageContaining("No Redis broker")
			.withMessageContaining("PURISTA_TEST_REDIS_URL is not set")
			.withMessageContaining("no Docker here")
			.withMessageContaining("scripts/brokers.sh start")
			.withMessageContaining("PURISTA_REQUIRE_BROKERS=true to fail");
	}

	@Test
	void resolveFailsNamingTheVariableWhenBrokersAreRequired() {
		this.environment.put("PURISTA_REQUIRE_BROKERS", "true");
		assertThatExceptionOfType(AssertionFailedError.class).isThrownBy(() -> resolution().resolve(Broker.MQTT))
			.withMessageContaining("No MQTT broker, and brokers are required (PURISTA_REQUIRE_BROKERS=true)")
			.withMessageContaining("Set PURISTA_TEST_MQTT_URL, for example PURISTA_TEST_MQTT_URL=tcp://127.0.0.1:1884")
			.withMessageContaining("`scripts/brokers.sh start`")
			.withMessageContaining("no Docker here");
	}

	@Test
	void resolveFailsWhenSystemPropertyRequiresBrokers() {
		this.systemProperties.put("purista.require-brokers", "true");
		assertThatExceptionOfType(AssertionFailedError.class).isThrownBy(() -> resolution().resolve(Broker.NATS))
			.withMessageContaining("system property purista.require-brokers=true")
			.withMessageContaining("PURISTA_TEST_NATS_URL");
	}

	@Test
	void systemPropertyFalseOverridesVariable() {
		this.environment.put("PURISTA_REQUIRE_BROKERS", "true");
		this.systemProperties.put("purista.require-brokers", "false");
		assertThat(resolution().brokersRequired()).isFalse();
		assertThatExceptionOfType(TestAbortedException.class).isThrownBy(() -> resolution().resolve(Broker.NATS));
	}

	@Test
	void brokersAreNotRequiredByDefaultOrByOtherValues() {
		assertThat(resolution().brokersRequired()).isFalse();
		this.environment.put("PURISTA_REQUIRE_BROKERS", "yes");
		assertThat(resolution().brokersRequired()).isFalse();
		this.environment.put("PURISTA_REQUIRE_BROKERS", "TRUE");
		assertThat(resolution().brokersRequired()).isTrue();
	}

	@Test
	void resolveStartsOneContainerWhenVariableIsAbsentAndDockerIsAvailable() {
		this.environment.put("PURISTA_REQUIRE_BROKERS", "true");
		this.containers.dockerAvailable = true;
		BrokerResolution resolution = resolution();
		BrokerAddress first = resolution.resolve(Broker.REDIS);
		BrokerAddress second = resolution.resolve(Broker.REDIS);
		assertThat(first.source()).isEqualTo(BrokerAddress.Source.TESTCONTAINERS);
		assertThat(first.uri()).isEqualTo(URI.create("redis://docker.local:32768"));
		assertThat(second).isSameAs(first);
		assertThat(this.containers.starts.get()).isOne();
	}

	@Test
	void resolveFailsOnMalformedVariableEvenWhenBrokersAreNotRequired() {
		this.environment.put("PURISTA_TEST_RABBITMQ_URL", "http://guest:secret@127.0.0.1:5673");
		assertThatExceptionOfType(AssertionFailedError.class)
			.isThrownBy(() -> resolution().resolve(Broker.RABBITMQ))
			.withMessageContaining("PURISTA_TEST_RABBITMQ_URL=http://***@127.0.0.1:5673 is not a RabbitMQ address")
			.withMessageContaining("the scheme must be amqp")
			.withMessageContaining("Use the form amqp://guest:guest@127.0.0.1:5673")
			.withMessageNotContaining("secret");
	}

	@Test
	void resolveFailsOnVariableThatIsNoUri() {
		this.environment.put("PURISTA_TEST_REDIS_URL", "redis://127.0.0.1:port");
		assertThatExceptionOfType(AssertionFailedError.class).isThrownBy(() -> resolution().resolve(Broker.REDIS))
			.withMessageStartingWith("PURISTA_TEST_REDIS_URL=redis://127.0.0.1:port is not a Redis address");
	}

	@Test
	void unavailableSupportSaysWhyNothingStarts() {
		ContainerSupport support = ContainerSupport.unavailable("Testcontainers is not on the test class path");
		assertThat(support.unavailableReason()).isEqualTo("Testcontainers is not on the test class path");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> support.start(Broker.NATS))
			.withMessage("Cannot start NATS: Testcontainers is not on the test class path");
	}

	private BrokerResolution resolution() {
		return new BrokerResolution(this.environment, this.systemProperties::get, this.containers);
	}

	private static final class FakeContainers implements ContainerSupport {

		private boolean dockerAvailable;

		private final AtomicInteger probes = new AtomicInteger();

		private final AtomicInteger starts = new AtomicInteger();

		@Override
		public @Nullable String unavailableReason() {
			this.probes.incrementAndGet();
			return this.dockerAvailable ? null : "no Docker here";
		}

		@Override
		public BrokerAddress start(Broker broker) {
			this.starts.incrementAndGet();
			return new BrokerAddress(broker, URI.create(broker.scheme() + "://docker.local:32768"),
					BrokerAddress.Source.TESTCONTAINERS);
		}

	}

}
