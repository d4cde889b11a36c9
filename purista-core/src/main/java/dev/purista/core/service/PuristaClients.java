package dev.purista.core.service;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;

import dev.purista.core.annotation.Invokes;
import dev.purista.core.annotation.PuristaClient;
import dev.purista.core.message.MessageAddress;

/**
 * Creates typed proxies for {@link PuristaClient} interfaces.
 */
public final class PuristaClients {

	private PuristaClients() {
	}

	/**
	 * Create a proxy whose methods invoke commands through the given invoker.
	 * @param <T> the client type
	 * @param clientType the interface annotated with {@link PuristaClient}
	 * @param invoker what sends the commands
	 * @return the proxy
	 * @throws IllegalArgumentException if the type is not an annotated interface
	 */
	public static <T> T create(Class<T> clientType, Invoker invoker) {
		PuristaClient client = clientType.getAnnotation(PuristaClient.class);
		if (!clientType.isInterface() || client == null) {
			throw new IllegalArgumentException(
					clientType.getName() + " must be an interface annotated with @" + PuristaClient.class.getSimpleName());
		}
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getDeclaringClass() == Object.class) {
				return handleObjectMethod(clientType, proxy, method, args);
			}
			return call(client, method, (args != null) ? args : new Object[0], invoker);
		};
		return clientType.cast(Proxy.newProxyInstance(clientType.getClassLoader(), new Class<?>[] { clientType },
				handler));
	}

	private static @Nullable Object call(PuristaClient client, Method method, Object[] args, Invoker invoker)
			throws Throwable {
		Invokes invokes = method.getAnnotation(Invokes.class);
		String command = (invokes != null) ? invokes.value() : method.getName();
		Duration timeout = (invokes != null && invokes.timeoutMs() > 0) ? Duration.ofMillis(invokes.timeoutMs()) : null;
		Object payload = (args.length > 0) ? args[0] : null;
		Object parameter = (args.length > 1) ? args[1] : null;
		boolean async = CompletionStage.class.isAssignableFrom(method.getReturnType());
		Type resultType = async ? futureValueType(method) : method.getGenericReturnType();
		CompletableFuture<Object> result = invoker.invoke(
				MessageAddress.of(client.service(), client.version(), command), payload, parameter, resultType,
				timeout);
		if (async) {
			return result;
		}
		try {
			return result.get();
		}
		catch (ExecutionException | CompletionException ex) {
			throw (ex.getCause() != null) ? ex.getCause() : ex;
		}
	}

	private static Type futureValueType(Method method) {
		if (method.getGenericReturnType() instanceof ParameterizedType parameterized) {
			return parameterized.getActualTypeArguments()[0];
		}
		return Object.class;
	}

	private static @Nullable Object handleObjectMethod(Class<?> clientType, Object proxy, Method method,
			Object @Nullable [] args) {
		return switch (method.getName()) {
			case "toString" -> "PuristaClient(" + clientType.getName() + ")";
			case "hashCode" -> System.identityHashCode(proxy);
			case "equals" -> args != null && proxy == args[0];
			default -> throw new UnsupportedOperationException(method.getName());
		};
	}

	/**
	 * Sends a command for a client proxy.
	 */
	@FunctionalInterface
	public interface Invoker {

		/**
		 * Invoke a command.
		 * @param target the command address
		 * @param payload the payload
		 * @param parameter the parameter
		 * @param resultType the result type
		 * @param timeout the timeout, or {@code null} for the bridge default
		 * @return the result future
		 */
		CompletableFuture<Object> invoke(MessageAddress target, @Nullable Object payload, @Nullable Object parameter,
				Type resultType, @Nullable Duration timeout);

	}

}
