package dev.purista.core.service;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.purista.core.message.CustomMessage;
import dev.purista.core.message.MessageAddress;

/**
 * Invokes commands and emits events from outside a handler (an HTTP endpoint, a scheduled job, a test), with
 * the same propagation and observations handlers get. Thread-safe.
 */
public final class PuristaInvoker {

	private final Outbound outbound;

	private final MessageAddress sender;

	/**
	 * Create an invoker.
	 * @param environment the environment whose bridges to use
	 * @param sender the address commands are sent from, e.g. {@code HttpServer v1 $$endpoint:post:/api/v1/user}
	 */
	public PuristaInvoker(ServiceEnvironment environment, MessageAddress sender) {
		this.outbound = new Outbound(environment);
		this.sender = sender;
	}

	/**
	 * Invoke a command.
	 * @param <R> the result type
	 * @param target the command address
	 * @param payload the payload
	 * @param parameter the parameter
	 * @param resultType the result type
	 * @param timeout the timeout, or {@code null} for the bridge default
	 * @param identity trace, principal and tenant ids to send
	 * @return the result future
	 */
	public <R> CompletableFuture<R> invoke(MessageAddress target, @Nullable Object payload, @Nullable Object parameter,
			Type resultType, @Nullable Duration timeout, Identity identity) {
		return this.outbound.invoke(this.sender, target, payload, parameter, resultType, timeout, identity);
	}

	/**
	 * Invoke a command from another sender address (e.g. one per HTTP route).
	 * @param <R> the result type
	 * @param sender the sending address
	 * @param target the command address
	 * @param payload the payload
	 * @param parameter the parameter
	 * @param resultType the result type
	 * @param timeout the timeout, or {@code null} for the bridge default
	 * @param identity trace, principal and tenant ids to send
	 * @return the result future
	 */
	public <R> CompletableFuture<R> invoke(MessageAddress sender, MessageAddress target, @Nullable Object payload,
			@Nullable Object parameter, Type resultType, @Nullable Duration timeout, Identity identity) {
		return this.outbound.invoke(sender, target, payload, parameter, resultType, timeout, identity);
	}

	/**
	 * Emit an event (not validated: there is no declaring function).
	 * @param eventName the event name
	 * @param payload the payload
	 * @param identity trace, principal and tenant ids to send
	 * @return the message as sent
	 */
	public CustomMessage emit(String eventName, @Nullable Object payload, Identity identity) {
		return this.outbound.emit(this.sender, eventName, payload, identity);
	}

	/**
	 * Return a typed client sending through this invoker.
	 * @param <T> the client type
	 * @param clientType the {@link dev.purista.core.annotation.PuristaClient} interface
	 * @param identity ids to send with every call
	 * @return the client
	 */
	public <T> T client(Class<T> clientType, Identity identity) {
		return PuristaClients.create(clientType, (target, payload, parameter, resultType, timeout) -> this.outbound
			.<Object>invoke(this.sender, target, payload, parameter, resultType, timeout, identity));
	}

}
