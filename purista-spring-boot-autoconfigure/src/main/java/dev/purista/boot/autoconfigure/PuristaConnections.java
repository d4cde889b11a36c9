package dev.purista.boot.autoconfigure;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureDescriber;
import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureException;
import dev.purista.core.service.ServiceEnvironment;

/**
 * Starts the bridges before the services and closes them, and the stores, after the services have drained. A
 * bridge that cannot connect ends the start with a {@link BrokerConnectionFailureException} when one of the
 * {@link BrokerConnectionFailureDescriber describers} recognises the failure.
 */
public class PuristaConnections implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(PuristaConnections.class);

	private final ServiceEnvironment environment;

	private final List<BrokerConnectionFailureDescriber> describers;

	private volatile boolean running;

	/**
	 * Create the lifecycle.
	 * @param environment the bridges and stores
	 */
	public PuristaConnections(ServiceEnvironment environment) {
		this(environment, List.of());
	}

	/**
	 * Create the lifecycle that describes connection failures at start-up.
	 * @param environment the bridges and stores
	 * @param describers the describers of connection failures, asked in order
	 */
	public PuristaConnections(ServiceEnvironment environment, List<BrokerConnectionFailureDescriber> describers) {
		this.environment = environment;
		this.describers = List.copyOf(describers);
	}

	@Override
	public void start() {
		try {
			this.environment.eventBridge().start();
			if (this.environment.queueBridge() != null) {
				this.environment.queueBridge().start();
			}
		}
		catch (RuntimeException ex) {
			throw describe(ex);
		}
		this.running = true;
		logger.info("PURISTA connected: " + this.environment.eventBridge().name() + " "
				+ this.environment.eventBridge().instanceId()
				+ ((this.environment.queueBridge() != null) ? ", " + this.environment.queueBridge().name() : ""));
	}

	private RuntimeException describe(RuntimeException failure) {
		for (BrokerConnectionFailureDescriber describer : this.describers) {
			BrokerConnectionFailureException described = describer.describe(failure);
			if (described != null) {
				return described;
			}
		}
		return failure;
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.environment.eventBridge().destroy();
		if (this.environment.queueBridge() != null) {
			this.environment.queueBridge().destroy();
		}
		this.environment.stateStore().destroy();
		this.environment.configStore().destroy();
		this.environment.secretStore().destroy();
		logger.info("PURISTA connections closed");
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PuristaLifecyclePhases.CONNECTIONS;
	}

}
