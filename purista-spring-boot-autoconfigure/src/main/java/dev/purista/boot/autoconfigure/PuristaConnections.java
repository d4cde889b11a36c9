package dev.purista.boot.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

import dev.purista.core.service.ServiceEnvironment;

/**
 * Starts the bridges before the services and closes them, and the stores, after the services have drained.
 */
public class PuristaConnections implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(PuristaConnections.class);

	private final ServiceEnvironment environment;

	private volatile boolean running;

	/**
	 * Create the lifecycle.
	 * @param environment the bridges and stores
	 */
	public PuristaConnections(ServiceEnvironment environment) {
		this.environment = environment;
	}

	@Override
	public void start() {
		this.environment.eventBridge().start();
		if (this.environment.queueBridge() != null) {
			this.environment.queueBridge().start();
		}
		this.running = true;
		logger.info("PURISTA connected: " + this.environment.eventBridge().name() + " "
				+ this.environment.eventBridge().instanceId()
				+ ((this.environment.queueBridge() != null) ? ", " + this.environment.queueBridge().name() : ""));
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
