package dev.purista.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import dev.purista.core.bridge.EventBridge;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.service.ServiceRuntime;

/**
 * Runs the application's PURISTA services: on start it registers every service definition with the bridges;
 * on stop it drains them gracefully. Stopping marks the application as refusing traffic, stops intake (no
 * new commands, subscription messages or queue leases; commands that still arrive get 503), waits for
 * in-flight work while bridges still publish responses, releases queue jobs that did not finish in time so
 * another worker takes them, and then unregisters the services. The wait is bounded by
 * {@code spring.lifecycle.timeout-per-shutdown-phase}.
 */
public class PuristaServices implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(PuristaServices.class);

	private final ServiceEnvironment environment;

	private final ServiceDefinitionSource definitions;

	private final ApplicationEventPublisher publisher;

	private final Duration shutdownTimeout;

	private final List<ServiceRuntime> runtimes = new CopyOnWriteArrayList<>();

	private volatile boolean running;

	/**
	 * Create the service runner.
	 * @param environment the bridges and stores
	 * @param definitions where the service definitions come from
	 * @param publisher where availability changes are published
	 * @param shutdownTimeout how long stopping may wait for in-flight work
	 */
	public PuristaServices(ServiceEnvironment environment, ServiceDefinitionSource definitions,
			ApplicationEventPublisher publisher, Duration shutdownTimeout) {
		this.environment = environment;
		this.definitions = definitions;
		this.publisher = publisher;
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * The environment the services run on.
	 * @return the environment
	 */
	public ServiceEnvironment environment() {
		return this.environment;
	}

	/**
	 * The running services.
	 * @return the runtimes, in start order
	 */
	public List<ServiceRuntime> runtimes() {
		return List.copyOf(this.runtimes);
	}

	/**
	 * The definitions of the running services.
	 * @return the definitions
	 */
	public List<ServiceDefinition> definitions() {
		return this.runtimes.stream().map(ServiceRuntime::definition).toList();
	}

	@Override
	public void start() {
		List<ServiceRuntime> started = new ArrayList<>();
		try {
			for (ServiceDefinition definition : this.definitions.definitions()) {
				ServiceRuntime runtime = new ServiceRuntime(definition, this.environment);
				runtime.start();
				started.add(runtime);
			}
		}
		catch (RuntimeException ex) {
			started.forEach(ServiceRuntime::destroy);
			throw ex;
		}
		this.runtimes.addAll(started);
		this.running = true;
	}

	@Override
	public void stop() {
		drain();
	}

	@Override
	public void stop(Runnable callback) {
		try {
			drain();
		}
		finally {
			callback.run();
		}
	}

	private void drain() {
		if (!this.running) {
			return;
		}
		this.running = false;
		long started = System.nanoTime();
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		EventBridge bridge = this.environment.eventBridge();
		bridge.stopIntake();
		this.runtimes.forEach(ServiceRuntime::stopIntake);
		int inFlight = bridge.inFlightCount()
				+ this.runtimes.stream().mapToInt(ServiceRuntime::queueJobsInFlight).sum();
		logger.info("PURISTA intake stopped; draining " + inFlight + " in-flight handler(s) and job(s) for at most "
				+ this.shutdownTimeout.toMillis() + " ms (spring.lifecycle.timeout-per-shutdown-phase)");
		boolean drained = bridge.awaitDrain(this.shutdownTimeout);
		for (ServiceRuntime runtime : this.runtimes) {
			Duration remaining = this.shutdownTimeout.minusNanos(System.nanoTime() - started);
			drained &= runtime.awaitDrain(remaining.isNegative() ? Duration.ZERO : remaining);
		}
		long elapsed = (System.nanoTime() - started) / 1_000_000;
		if (drained) {
			logger.info("PURISTA drained " + inFlight + " in-flight handler(s) and job(s) in " + elapsed + " ms");
		}
		else {
			logger.warn("PURISTA did not drain within " + this.shutdownTimeout.toMillis()
					+ " ms; unfinished queue jobs were released for other workers, " + bridge.inFlightCount()
					+ " handler(s) still running");
		}
		this.runtimes.forEach(ServiceRuntime::destroy);
		this.runtimes.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PuristaLifecyclePhases.SERVICES;
	}

	/**
	 * Supplies the service definitions to run.
	 */
	@FunctionalInterface
	public interface ServiceDefinitionSource {

		/**
		 * The definitions, read when the services start.
		 * @return the definitions
		 */
		List<ServiceDefinition> definitions();

	}

}
