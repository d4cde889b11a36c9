package dev.purista.core.service;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

import dev.purista.core.annotation.AfterGuard;
import dev.purista.core.annotation.BeforeGuard;
import dev.purista.core.annotation.Command;
import dev.purista.core.annotation.Event;
import dev.purista.core.annotation.Http;
import dev.purista.core.annotation.Parameter;
import dev.purista.core.annotation.PuristaService;
import dev.purista.core.annotation.QueueWorker;
import dev.purista.core.annotation.Subscription;
import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.message.MessageType;
import dev.purista.core.queue.QueueLifecycle;

/**
 * Reads a {@link ServiceDefinition} from an object whose class is annotated with {@link PuristaService}.
 * Handler methods take their payload, an optional {@link Parameter} argument and an optional context argument
 * in any order; their return type (unwrapped from {@code CompletionStage}) is the result type.
 */
public final class AnnotatedServices {

	private AnnotatedServices() {
	}

	/**
	 * Whether an object's class is a PURISTA service.
	 * @param bean the object
	 * @return {@code true} if annotated with {@link PuristaService}
	 */
	public static boolean isService(Object bean) {
		return findServiceClass(bean.getClass()) != null;
	}

	/**
	 * Read the definition of an annotated service object.
	 * @param bean the service object
	 * @return the definition
	 * @throws IllegalArgumentException if the class is not a service or a handler method is malformed
	 */
	public static ServiceDefinition definitionOf(Object bean) {
		Class<?> type = findServiceClass(bean.getClass());
		if (type == null) {
			throw new IllegalArgumentException(
					bean.getClass().getName() + " is not annotated with @" + PuristaService.class.getSimpleName());
		}
		PuristaService service = type.getAnnotation(PuristaService.class);
		ServiceBuilder builder = ServiceBuilder.service(service.name(), service.version(), service.description());
		Method[] methods = type.getMethods();
		Arrays.sort(methods, (a, b) -> a.getName().compareTo(b.getName()));
		for (Method method : methods) {
			Command command = method.getAnnotation(Command.class);
			if (command != null) {
				builder.add(command(bean, method, command, methods));
			}
			Subscription subscription = method.getAnnotation(Subscription.class);
			if (subscription != null) {
				builder.add(subscription(bean, method, subscription));
			}
			QueueWorker worker = method.getAnnotation(QueueWorker.class);
			if (worker != null) {
				builder.add(worker(bean, method, worker));
			}
		}
		return builder.build();
	}

	private static @Nullable Class<?> findServiceClass(Class<?> type) {
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			if (current.isAnnotationPresent(PuristaService.class)) {
				return current;
			}
		}
		return null;
	}

	private static CommandDefinition command(Object bean, Method method, Command command, Method[] methods) {
		String name = command.name().isEmpty() ? method.getName() : command.name();
		Binding binding = Binding.of(method, CommandContext.class, false);
		Map<String, CommandGuard<Object, Object>> beforeGuards = new LinkedHashMap<>();
		Map<String, CommandAfterGuard<Object, Object, Object>> afterGuards = new LinkedHashMap<>();
		for (Method candidate : methods) {
			BeforeGuard before = candidate.getAnnotation(BeforeGuard.class);
			if (before != null && before.command().equals(name)) {
				Binding guard = Binding.of(candidate, CommandContext.class, false);
				beforeGuards.put(before.name().isEmpty() ? candidate.getName() : before.name(),
						(payload, parameter, context) -> guard.invoke(bean, null, payload, parameter, context));
			}
			AfterGuard after = candidate.getAnnotation(AfterGuard.class);
			if (after != null && after.command().equals(name)) {
				Binding guard = Binding.of(candidate, CommandContext.class, true);
				afterGuards.put(after.name().isEmpty() ? candidate.getName() : after.name(),
						(result, payload, parameter, context) -> guard.invoke(bean, result, payload, parameter, context));
			}
		}
		return new CommandDefinition(name, command.description(), binding.payloadType, binding.parameterType,
				resultType(method), command.successEvent().isEmpty() ? null : command.successEvent(), null,
				beforeGuards, (payload, parameter, context) -> binding.invoke(bean, null, payload, parameter, context),
				afterGuards, null, events(command.emits()), http(command.http(), name), command.deprecated());
	}

	private static SubscriptionDefinition subscription(Object bean, Method method, Subscription subscription) {
		String name = subscription.name().isEmpty() ? method.getName() : subscription.name();
		Binding binding = Binding.of(method, SubscriptionContext.class, false);
		SubscriptionFilter filter = SubscriptionFilter.ANY.withEventName(emptyToNull(subscription.event()))
			.withMessageType(subscription.messageType().isEmpty() ? null
					: requireMessageType(subscription.messageType(), name))
			.withSender(emptyToNull(subscription.senderService()), emptyToNull(subscription.senderVersion()),
					emptyToNull(subscription.senderTarget()), null)
			.withIdentity(emptyToNull(subscription.principalId()), emptyToNull(subscription.tenantId()));
		return SubscriptionDefinition.builder(name)
			.description(subscription.description())
			.filter(filter)
			.payloadType(binding.payloadType)
			.everyInstance(subscription.everyInstance())
			.durable(subscription.durable())
			.maxAttempts(subscription.maxAttempts())
			.retryDelay(Duration.ofMillis(subscription.retryDelayMs()))
			.deadLetterTarget(emptyToNull(subscription.deadLetterTarget()))
			.outputEventName(emptyToNull(subscription.outputEvent()))
			.outputType(resultType(method))
			.emits(events(subscription.emits()))
			.handler((payload, context) -> binding.invoke(bean, null, payload, null, context))
			.build();
	}

	private static QueueWorkerDefinition worker(Object bean, Method method, QueueWorker worker) {
		String name = worker.name().isEmpty() ? method.getName() : worker.name();
		Binding binding = Binding.of(method, QueueWorkerContext.class, false);
		QueueLifecycle lifecycle = QueueLifecycle.defaults()
			.withMaxAttempts(worker.maxAttempts())
			.withVisibilityTimeout(Duration.ofMillis(worker.visibilityTimeoutMs()));
		return QueueWorkerDefinition.builder(worker.queue(), name)
			.payloadType(binding.payloadType)
			.parameterType(binding.parameterType)
			.maxParallelHandlers(worker.maxParallelHandlers())
			.lifecycle(lifecycle)
			.strictIdempotency(worker.strictIdempotency())
			.requireDeadLetter(worker.requireDeadLetter())
			.emits(events(worker.emits()))
			.handler((payload, parameter, context) -> binding.invoke(bean, null, payload, parameter, context))
			.build();
	}

	private static MessageType requireMessageType(String wireName, String subscription) {
		MessageType type = MessageType.fromWireName(wireName);
		if (type == null) {
			throw new IllegalArgumentException(
					"Subscription '" + subscription + "' filters on unknown messageType '" + wireName + "'");
		}
		return type;
	}

	private static @Nullable HttpExposure http(Http http, String commandName) {
		if (http.path().isEmpty() && http.method().isEmpty()) {
			return null;
		}
		List<Integer> statusCodes = new ArrayList<>();
		for (int code : http.additionalStatusCodes()) {
			statusCodes.add(code);
		}
		return new HttpExposure(http.method(), http.path(), List.of(http.query()), List.of(http.tags()), statusCodes,
				http.summary().isEmpty() ? commandName : http.summary(),
				http.operationId().isEmpty() ? commandName : http.operationId(), http.secure());
	}

	private static Map<String, Type> events(Event[] events) {
		Map<String, Type> declared = new LinkedHashMap<>();
		for (Event event : events) {
			declared.put(event.name(), event.payload());
		}
		return declared;
	}

	private static Type resultType(Method method) {
		Type type = method.getGenericReturnType();
		if (type == void.class) {
			return Void.class;
		}
		if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw
				&& CompletionStage.class.isAssignableFrom(raw)) {
			return parameterized.getActualTypeArguments()[0];
		}
		return type;
	}

	private static @Nullable String emptyToNull(String value) {
		return value.isEmpty() ? null : value;
	}

	/**
	 * How a handler method's arguments are filled.
	 */
	private static final class Binding {

		private final Method method;

		private final Kind[] kinds;

		private final Type payloadType;

		private final Type parameterType;

		private Binding(Method method, Kind[] kinds, Type payloadType, Type parameterType) {
			this.method = method;
			this.kinds = kinds;
			this.payloadType = payloadType;
			this.parameterType = parameterType;
		}

		static Binding of(Method method, Class<?> contextType, boolean resultFirst) {
			if (!Modifier.isPublic(method.getModifiers())) {
				throw new IllegalArgumentException("Handler method " + method + " must be public");
			}
			java.lang.reflect.Parameter[] parameters = method.getParameters();
			Type[] types = method.getGenericParameterTypes();
			Kind[] kinds = new Kind[parameters.length];
			Type payloadType = Object.class;
			Type parameterType = Object.class;
			boolean payloadSeen = false;
			for (int i = 0; i < parameters.length; i++) {
				Class<?> raw = parameters[i].getType();
				if (resultFirst && i == 0) {
					kinds[i] = Kind.RESULT;
				}
				else if (raw.isAssignableFrom(contextType) && HandlerContext.class.isAssignableFrom(raw)) {
					kinds[i] = Kind.CONTEXT;
				}
				else if (parameters[i].isAnnotationPresent(Parameter.class)) {
					kinds[i] = Kind.PARAMETER;
					parameterType = types[i];
				}
				else if (!payloadSeen) {
					kinds[i] = Kind.PAYLOAD;
					payloadType = types[i];
					payloadSeen = true;
				}
				else {
					throw new IllegalArgumentException("Handler method " + method + " has more than one payload "
							+ "argument; annotate the parameter argument with @Parameter");
				}
			}
			// handler classes are often package-private Spring beans: their public methods need access
			method.trySetAccessible();
			return new Binding(method, kinds, payloadType, parameterType);
		}

		@Nullable Object invoke(Object bean, @Nullable Object result, @Nullable Object payload,
				@Nullable Object parameter, HandlerContext context) throws Exception {
			Object[] args = new Object[this.kinds.length];
			for (int i = 0; i < args.length; i++) {
				args[i] = switch (this.kinds[i]) {
					case PAYLOAD -> payload;
					case PARAMETER -> parameter;
					case CONTEXT -> context;
					case RESULT -> result;
				};
			}
			try {
				return this.method.invoke(bean, args);
			}
			catch (InvocationTargetException ex) {
				Throwable cause = ex.getCause();
				if (cause instanceof Exception exception) {
					throw exception;
				}
				if (cause instanceof Error error) {
					throw error;
				}
				throw ex;
			}
		}

		enum Kind {

			PAYLOAD, PARAMETER, CONTEXT, RESULT

		}

	}

}
