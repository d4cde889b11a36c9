package dev.purista.boot.autoconfigure.diagnostics;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureException.Reason;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.memory.InMemoryEventBridge;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mechanism a starter reuses for start-up connection failures: PURISTA's lifecycle asks the
 * {@link BrokerConnectionFailureDescriber} beans about a bridge that fails to start, and
 * {@link BrokerConnectionFailureAnalyzer} explains what one of them recognised. The RabbitMQ and Redis starters'
 * tests cover their describers against real brokers.
 */
class BrokerConnectionFailureAnalyzerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(PuristaFoundationAutoConfiguration.class, PuristaAutoConfiguration.class))
		.withBean(EventBridge.class, BrokerConnectionFailureAnalyzerTests::bridgeThatCannotConnect);

	@Test
	void aFailureADescriberRecognisesIsExplainedWithTheAddressThePropertiesAndAnExample() {
		this.runner.withBean(BrokerConnectionFailureDescriber.class, () -> (failure) -> {
			ConnectException refused = BrokerConnectionFailureDescriber.findCause(failure, ConnectException.class);
			return (refused != null) ? new BrokerConnectionFailureException(Reason.UNREACHABLE, "Pigeon",
					"loft.internal:4242", "pigeon.loft", "pigeon.loft=loft.example:4242", failure) : null;
		}).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			FailureAnalysis analysis = new BrokerConnectionFailureAnalyzer().analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).isEqualTo("PURISTA could not connect to Pigeon at "
					+ "loft.internal:4242: Pigeon cannot be reached (ConnectException: Connection refused).");
			assertThat(analysis.getAction()).isEqualTo("Start Pigeon at loft.internal:4242, or point PURISTA at "
					+ "the Pigeon to use with pigeon.loft, for example pigeon.loft=loft.example:4242.");
			assertThat(analysis.getCause()).isInstanceOf(BrokerConnectionFailureException.class)
				.hasRootCauseInstanceOf(ConnectException.class);
		});
	}

	@Test
	void refusedCredentialsAreExplainedWithTheCredentialProperties() {
		BrokerConnectionFailureException failure = new BrokerConnectionFailureException(Reason.AUTHENTICATION,
				"Pigeon", "loft.internal:4242", "pigeon.user and pigeon.password", "pigeon.user=purista",
				new IllegalStateException("ACCESS_REFUSED"));
		FailureAnalysis analysis = new BrokerConnectionFailureAnalyzer().analyze(new IllegalStateException(failure));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo("PURISTA could not connect to Pigeon at loft.internal:4242: "
				+ "Pigeon refused the credentials (IllegalStateException: ACCESS_REFUSED).");
		assertThat(analysis.getAction()).isEqualTo("Check the credentials PURISTA uses for Pigeon: set "
				+ "pigeon.user and pigeon.password, for example pigeon.user=purista.");
	}

	@Test
	void settingsTheBrokerDidNotAcceptAreExplainedWithTheirProperties() {
		BrokerConnectionFailureException failure = new BrokerConnectionFailureException(Reason.SETTINGS, "Pigeon",
				"loft.internal:4242", "pigeon.loft-name to a loft that exists", "pigeon.loft-name=main",
				new IllegalStateException("NOT_ALLOWED - loft /nope not found"));
		FailureAnalysis analysis = new BrokerConnectionFailureAnalyzer().analyze(new IllegalStateException(failure));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo("PURISTA could not connect to Pigeon at loft.internal:4242: "
				+ "Pigeon did not accept the connection settings (IllegalStateException: NOT_ALLOWED - loft /nope "
				+ "not found).");
		assertThat(analysis.getAction()).isEqualTo("Check the connection settings PURISTA uses for Pigeon: set "
				+ "pigeon.loft-name to a loft that exists, for example pigeon.loft-name=main.");
	}

	@Test
	void aFailureNoDescriberRecognisesIsLeftAsItIs() {
		this.runner.withBean(BrokerConnectionFailureDescriber.class, () -> (failure) -> null).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(ConnectException.class);
			assertThat(new BrokerConnectionFailureAnalyzer().analyze(context.getStartupFailure())).isNull();
		});
	}

	/**
	 * An in-memory event bridge whose start fails as a client's refused connection does.
	 */
	private static EventBridge bridgeThatCannotConnect() {
		InMemoryEventBridge delegate = new InMemoryEventBridge();
		return (EventBridge) Proxy.newProxyInstance(EventBridge.class.getClassLoader(),
				new Class<?>[] { EventBridge.class }, (proxy, method, arguments) -> {
					if (method.getName().equals("start")) {
						throw new IllegalStateException("could not start",
								new ConnectException("Connection refused"));
					}
					try {
						return method.invoke(delegate, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
