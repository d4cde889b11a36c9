package dev.purista.core.service;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.EnqueueResult;
import dev.purista.core.store.ConfigStore;
import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StateStore;

/**
 * What every handler gets: the identity of the work (trace, principal, tenant), invocation of other commands,
 * emitting declared events, enqueueing jobs, the stores and a logger. Trace, principal and tenant ids of the
 * current message propagate into everything invoked, emitted or enqueued through the context.
 */
public interface HandlerContext {

	/**
	 * The business trace id of the current work.
	 * @return the trace id or {@code null}
	 */
	@Nullable String traceId();

	/**
	 * The principal of the current work.
	 * @return the principal id or {@code null}
	 */
	@Nullable String principalId();

	/**
	 * The tenant of the current work.
	 * @return the tenant id or {@code null}
	 */
	@Nullable String tenantId();

	/**
	 * A logger named after the service and function.
	 * @return the logger
	 */
	Log logger();

	/**
	 * Invoke a command with the bridge's default timeout.
	 * @param <R> the result type
	 * @param service the service name
	 * @param version the service version
	 * @param command the command name
	 * @param payload the payload
	 * @param parameter the parameter
	 * @param resultType the result type
	 * @return the result future; fails with the remote error ({@link dev.purista.core.error.HandledException}
	 * or {@link dev.purista.core.error.UnhandledException}) or 504 on timeout
	 */
	<R> CompletableFuture<R> invoke(String service, String version, String command, @Nullable Object payload,
			@Nullable Object parameter, Class<R> resultType);

	/**
	 * Invoke a command with an explicit timeout.
	 * @param <R> the result type
	 * @param service the service name
	 * @param version the service version
	 * @param command the command name
	 * @param payload the payload
	 * @param parameter the parameter
	 * @param resultType the result type
	 * @param timeout how long to wait for the response
	 * @return the result future
	 */
	<R> CompletableFuture<R> invoke(String service, String version, String command, @Nullable Object payload,
			@Nullable Object parameter, Class<R> resultType, Duration timeout);

	/**
	 * Return a typed client for a {@link dev.purista.core.annotation.PuristaClient} interface, invoking
	 * through this context (ids propagate).
	 * @param <T> the client type
	 * @param clientType the interface
	 * @return the client
	 */
	<T> T client(Class<T> clientType);

	/**
	 * Emit a declared event. The payload is validated against the declared type.
	 * @param eventName the event name
	 * @param payload the payload
	 * @throws dev.purista.core.error.UnhandledException 500 if the event is not declared or the payload is
	 * invalid
	 */
	void emit(String eventName, @Nullable Object payload);

	/**
	 * Enqueue a job, due now.
	 * @param queueName the queue
	 * @param payload the payload
	 * @return the job id
	 */
	EnqueueResult enqueue(String queueName, @Nullable Object payload);

	/**
	 * Enqueue a job with full options; trace, principal and tenant are added when not set.
	 * @param request the job
	 * @return the job id
	 */
	EnqueueResult enqueue(EnqueueRequest request);

	/**
	 * The state store.
	 * @return the store
	 */
	StateStore states();

	/**
	 * The config store.
	 * @return the store
	 */
	ConfigStore configs();

	/**
	 * The secret store.
	 * @return the store
	 */
	SecretStore secrets();

	/**
	 * Read one state value as a type.
	 * @param <T> the type
	 * @param name the name
	 * @param type the type
	 * @return the value or {@code null}
	 */
	<T> @Nullable T getState(String name, Class<T> type);

}
