package dev.purista.core.service;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.Command;
import dev.purista.core.message.CustomMessage;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.Messages;
import dev.purista.core.observation.MessageSenderContext;
import dev.purista.core.observation.PuristaObservation;
import dev.purista.core.observation.PuristaObservations;
import dev.purista.core.observation.TraceCarrier;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.EnqueueResult;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueHeaders;
import dev.purista.core.validation.PayloadValidator;

/**
 * Sends what handlers and other callers send: commands, events and queue jobs, with ids propagated and an
 * observation around each whose trace context travels in {@code otp} or the job headers. When no tracer writes
 * a context (no-op registry, or no propagating tracing handler) the W3C context of the {@link Identity} is
 * carried on instead, and {@code otp} is {@code "{}"} when there is none, as TypeScript writes it.
 */
final class Outbound {

	private final ServiceEnvironment environment;

	Outbound(ServiceEnvironment environment) {
		this.environment = environment;
	}

	<R> CompletableFuture<R> invoke(MessageAddress sender, MessageAddress receiver, @Nullable Object payload,
			@Nullable Object parameter, Type resultType, @Nullable Duration timeout, Identity identity) {
		Duration wait = (timeout != null) ? timeout : this.environment.eventBridge().defaultCommandTimeout();
		MessageAddress from = sender.withInstanceId(this.environment.eventBridge().instanceId());
		ObservationRegistry registry = this.environment.observationRegistry();
		if (registry.isNoop()) {
			Command command = Messages.command(from, receiver, payload, parameter, identity.traceId(),
					identity.principalId(), identity.tenantId(), TraceCarrier.toOtp(identity.traceContext()));
			return this.environment.eventBridge().invoke(command, wait)
				.thenApply((response) -> convertResult(response.payload(), resultType, receiver));
		}
		MessageSenderContext context = new MessageSenderContext();
		Observation observation = observation(PuristaObservation.COMMAND_INVOKE, receiver, () -> context).start();
		try {
			Command command = Messages.command(from, receiver, payload, parameter, identity.traceId(),
					identity.principalId(), identity.tenantId(), otp(context, identity));
			return this.environment.eventBridge().invoke(command, wait).whenComplete((response, error) -> {
				if (error != null) {
					observation.error(error);
				}
				observation.stop();
			}).thenApply((response) -> convertResult(response.payload(), resultType, receiver));
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			observation.stop();
			throw ex;
		}
	}

	CustomMessage emit(MessageAddress sender, String eventName, @Nullable Object payload, Identity identity) {
		MessageAddress from = sender.withInstanceId(this.environment.eventBridge().instanceId());
		ObservationRegistry registry = this.environment.observationRegistry();
		if (registry.isNoop()) {
			return (CustomMessage) this.environment.eventBridge()
				.emitMessage(Messages.custom(from, eventName, payload, identity.traceId(), identity.principalId(),
						identity.tenantId(), TraceCarrier.toOtp(identity.traceContext())));
		}
		MessageSenderContext context = new MessageSenderContext();
		Observation observation = observation(PuristaObservation.EVENT_EMIT, sender.withTarget(eventName),
				() -> context).start();
		try {
			return (CustomMessage) this.environment.eventBridge()
				.emitMessage(Messages.custom(from, eventName, payload, identity.traceId(), identity.principalId(),
						identity.tenantId(), otp(context, identity)));
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	EnqueueResult enqueue(MessageAddress sender, EnqueueRequest request, Identity identity) {
		QueueBridge queueBridge = this.environment.queueBridge();
		if (queueBridge == null) {
			throw new UnhandledException(500, "No queue bridge is configured; job for queue '" + request.queueName()
					+ "' cannot be enqueued. Configure a queue bridge (purista.queue-bridge.type).", null,
					identity.traceId());
		}
		Map<String, String> headers = new LinkedHashMap<>(request.headers());
		if (identity.principalId() != null) {
			headers.putIfAbsent(QueueHeaders.PRINCIPAL_ID, identity.principalId());
		}
		if (identity.tenantId() != null) {
			headers.putIfAbsent(QueueHeaders.TENANT_ID, identity.tenantId());
		}
		String traceId = (request.traceId() != null) ? request.traceId() : identity.traceId();
		ObservationRegistry registry = this.environment.observationRegistry();
		if (registry.isNoop()) {
			identity.traceContext().forEach(headers::putIfAbsent);
			return queueBridge.enqueue(request.withHeaders(headers)
				.withTrace(traceId, request.parentSpanId(), request.correlationId()));
		}
		MessageSenderContext context = new MessageSenderContext();
		Observation observation = observation(PuristaObservation.QUEUE_ENQUEUE, sender.withTarget(request.queueName()),
				() -> context).start();
		try {
			if (context.carrierMap().isEmpty()) {
				identity.traceContext().forEach(headers::putIfAbsent);
			}
			else {
				headers.putAll(context.carrierMap());
			}
			return queueBridge.enqueue(request.withHeaders(headers)
				.withTrace(traceId, request.parentSpanId(), request.correlationId()));
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * Validate an event payload against its declared type (PURISTA's emit-side validation).
	 */
	@Nullable Object validateEvent(Map<String, Type> declared, String eventName, @Nullable Object payload,
			Identity identity) {
		Type type = declared.get(eventName);
		if (type == null) {
			throw new UnhandledException(500, "No schema for " + eventName + " found", null, identity.traceId());
		}
		PayloadValidator.Result result = this.environment.validator().convertAndValidate(payload, type);
		if (!result.isValid()) {
			throw new UnhandledException(500, "Payload validation for event " + eventName + " failed",
					result.issues(), identity.traceId());
		}
		return (payload != null && result.value() != null) ? result.value() : payload;
	}

	/**
	 * The {@code otp} of an outgoing message: the context a tracer wrote for its observation, else (no tracer
	 * propagates) the context of the work being handled, carried on unchanged.
	 */
	private static String otp(MessageSenderContext context, Identity identity) {
		Map<String, String> carrier = context.carrierMap();
		return TraceCarrier.toOtp(carrier.isEmpty() ? identity.traceContext() : carrier);
	}

	private Observation observation(PuristaObservation documentation, MessageAddress address,
			Supplier<MessageSenderContext> context) {
		return PuristaObservations.create(documentation, address, context, this.environment.observationRegistry());
	}

	@SuppressWarnings("unchecked")
	private <R> R convertResult(@Nullable Object payload, Type resultType, MessageAddress receiver) {
		JavaType type = this.environment.codec().javaType(resultType);
		Class<?> raw = type.getRawClass();
		if (payload == null || raw == Void.class || raw == void.class) {
			return null;
		}
		try {
			return (R) this.environment.codec().convert(payload, type);
		}
		catch (RuntimeException ex) {
			throw new UnhandledException(500, "invoke response output schema validation failed", null, null, ex);
		}
	}

}
