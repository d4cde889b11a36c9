package dev.purista.boot.autoconfigure;

import org.springframework.context.SmartLifecycle;

/**
 * The {@link SmartLifecycle} phases of PURISTA. Spring starts lower phases first and stops higher phases
 * first, so on shutdown: the web server drains and stops (Boot's phases {@code DEFAULT_PHASE - 1024} and
 * {@code - 2048}), then {@link #SERVICES} stops intake and drains in-flight work while bridges can still
 * publish and receive responses, then {@link #CONNECTIONS} closes the bridges. On start the order reverses:
 * connections, services, web server.
 */
public final class PuristaLifecyclePhases {

	/** Bridge and store connections: started first, closed last. */
	public static final int CONNECTIONS = SmartLifecycle.DEFAULT_PHASE - 4096;

	/** Service registration, intake and draining: after the web server on shutdown. */
	public static final int SERVICES = SmartLifecycle.DEFAULT_PHASE - 2560;

	private PuristaLifecyclePhases() {
	}

}
