package dev.purista.core.service;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.purista.core.error.HandledException;
import dev.purista.core.error.ServiceUnavailableException;
import dev.purista.core.error.StatusCode;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.Command;
import dev.purista.core.message.CommandPayload;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.Messages;
import dev.purista.core.observation.MessageReceiverContext;
import dev.purista.core.observation.MessageSenderContext;
import dev.purista.core.observation.PuristaObservation;
import dev.purista.core.observation.PuristaObservations;
import dev.purista.core.observation.TraceCarrier;
import dev.purista.core.validation.PayloadValidator;

/**
 * Runs one command definition in PURISTA's order: transform input, validate payload and parameter, before
 * guards, handler, validate output, after guards, transform output, success response with the success event.
 * A {@link HandledException} anywhere becomes an error response with its status, message and data; any other
 * error becomes 500 "Internal Server Error" without detail (and is logged with the message id). The response
 * carries the trace context of a {@code purista.command.response} observation when a tracer writes one, else
 * the command's own, so that the success event continues the caller's trace either way.
 */
final class CommandPipeline {

	private static final String PAYLOAD_INVALID = "input validation for payload failed:";

	private static final String PARAMETER_INVALID = "input validation for parameter failed:";

	private final ServiceEnvironment environment;

	private final Outbound outbound;

	private final CommandDefinition definition;

	private final MessageAddress address;

	private final Log logger;

	CommandPipeline(ServiceEnvironment environment, Outbound outbound, ServiceInfo info, CommandDefinition definition) {
		this.environment = environment;
		this.outbound = outbound;
		this.definition = definition;
		this.address = MessageAddress.of(info.name(), info.version(), definition.name());
		this.logger = LogFactory.getLog("dev.purista.service." + info.name() + "." + definition.name());
	}

	MessageAddress address() {
		return this.address;
	}

	CompletionStage<Message> handle(Command command) {
		if (this.environment.observationRegistry().isNoop()) {
			return execute(command);
		}
		Observation observation = PuristaObservations.create(PuristaObservation.COMMAND_HANDLE, this.address,
				() -> new MessageReceiverContext(TraceCarrier.fromOtp(command.otp())),
				this.environment.observationRegistry())
			.start();
		CompletionStage<Message> result;
		try (Observation.Scope scope = observation.openScope()) {
			result = execute(command);
		}
		return result.thenApply((response) -> {
			observation.lowCardinalityKeyValue(PuristaObservation.LowCardinalityKeys.OUTCOME.asString(),
					outcome(response));
			Message traced = withTraceContext(response, observation);
			observation.stop();
			return traced;
		});
	}

	/**
	 * Give the response the trace context of a {@code purista.command.response} observation, child of the
	 * handling observation, so that subscriptions to the success event continue the trace.
	 */
	private Message withTraceContext(Message response, Observation parent) {
		MessageSenderContext context = new MessageSenderContext();
		Observation observation = PuristaObservations
			.create(PuristaObservation.COMMAND_RESPONSE, this.address, () -> context,
					this.environment.observationRegistry())
			.parentObservation(parent)
			.start();
		try {
			Map<String, String> carrier = context.carrierMap();
			return carrier.isEmpty() ? response
					: response.withTransport(response.id(), response.timestamp(), TraceCarrier.toOtp(carrier));
		}
		finally {
			observation.stop();
		}
	}

	private CompletionStage<Message> execute(Command command) {
		DefaultCommandContext context = new DefaultCommandContext(this.environment, this.outbound, this.address,
				command, this.definition, this.logger);
		try {
			CommandPayload input = transformInput(command.payload(), context);
			Object payload = validateInput(input.payload(), this.definition.payloadType(), PAYLOAD_INVALID, command);
			Object parameter = validateInput(input.parameter(), this.definition.parameterType(), PARAMETER_INVALID,
					command);
			for (CommandGuard<Object, Object> guard : this.definition.beforeGuards().values()) {
				guard.check(payload, parameter, context);
			}
			Object result = this.definition.handler().handle(payload, parameter, context);
			if (result instanceof CompletionStage<?> stage) {
				return stage.handle((value, error) -> (error != null) ? errorResponse(command, error, context)
						: complete(command, value, payload, parameter, context));
			}
			return CompletableFuture.completedFuture(complete(command, result, payload, parameter, context));
		}
		catch (Throwable ex) {
			return CompletableFuture.completedFuture(errorResponse(command, ex, context));
		}
	}

	private Message complete(Command command, @Nullable Object result, Object payload, Object parameter,
			DefaultCommandContext context) {
		try {
			List<?> issues = this.environment.validator().validate(result);
			if (!issues.isEmpty()) {
				throw new UnhandledException(500, "output validation failed", issues, command.traceId());
			}
			for (CommandAfterGuard<Object, Object, Object> guard : this.definition.afterGuards().values()) {
				guard.check(result, payload, parameter, context);
			}
			Object output = transformOutput(result, context, command);
			return Messages.success(command, this.environment.eventBridge().instanceId(), emptyToNull(output),
					this.definition.successEventName(), incomingOtp(context));
		}
		catch (Throwable ex) {
			return errorResponse(command, ex, context);
		}
	}

	private CommandPayload transformInput(CommandPayload raw, CommandContext context) throws Exception {
		InputTransform transform = this.definition.inputTransform();
		if (transform == null) {
			return raw;
		}
		PayloadValidator validator = this.environment.validator();
		PayloadValidator.Result parameter = validator.convertAndValidate(raw.parameter(), transform.parameterType());
		if (!parameter.isValid()) {
			throw new HandledException(400, StatusCode.BAD_REQUEST.message(), parameter.issues(),
					context.traceId());
		}
		PayloadValidator.Result payload = validator.convertAndValidate(raw.payload(), transform.payloadType());
		if (!payload.isValid()) {
			throw new HandledException(400, StatusCode.BAD_REQUEST.message(), payload.issues(), context.traceId());
		}
		try {
			InputTransform.TransformedInput transformed = transform.function()
				.transform(payload.value(), parameter.value(), context);
			return new CommandPayload(transformed.payload(), transformed.parameter());
		}
		catch (HandledException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new UnhandledException(500, "Unable to transform input", null, context.traceId(), ex);
		}
	}

	private @Nullable Object transformOutput(@Nullable Object result, CommandContext context, Command command)
			throws Exception {
		OutputTransform transform = this.definition.outputTransform();
		if (transform == null) {
			return result;
		}
		Object output = transform.function().transform(result, context);
		PayloadValidator.Result validated = this.environment.validator().convertAndValidate(output,
				transform.outputType());
		if (!validated.isValid()) {
			throw new UnhandledException(500, "output validation failed", validated.issues(), command.traceId());
		}
		return output;
	}

	private Object validateInput(@Nullable Object raw, java.lang.reflect.Type type, String failureMessage,
			Command command) {
		PayloadValidator.Result result = this.environment.validator().convertAndValidate(raw, type);
		if (!result.isValid()) {
			throw new HandledException(400, failureMessage, result.issues(), command.traceId());
		}
		return result.value();
	}

	private Message errorResponse(Command command, Throwable error, DefaultCommandContext context) {
		Throwable cause = unwrap(error);
		if (cause instanceof ServiceUnavailableException unavailable) {
			// an outage: one line per command, not a stack trace each
			this.logger.warn("Command " + this.address + " answered 503 on message " + command.id() + " (trace "
					+ command.traceId() + "): " + unavailable.getMessage());
		}
		else if (!(cause instanceof HandledException)) {
			this.logger.error("Command " + this.address + " failed on message " + command.id() + " (trace "
					+ command.traceId() + ")", cause);
		}
		else if (this.logger.isDebugEnabled()) {
			this.logger.debug("Command " + this.address + " answered message " + command.id() + " with "
					+ ((HandledException) cause).getStatus());
		}
		return Messages.error(command, this.environment.eventBridge().instanceId(), cause, incomingOtp(context));
	}

	/**
	 * The command's trace context as the response carries it when no tracer writes a new one: the context the
	 * handler's context read from the command's {@code otp}, not read a second time.
	 */
	private static String incomingOtp(DefaultCommandContext context) {
		return TraceCarrier.toOtp(context.identity().traceContext());
	}

	private static @Nullable Object emptyToNull(@Nullable Object output) {
		return ("".equals(output)) ? null : output;
	}

	private static String outcome(@Nullable Message response) {
		if (response instanceof dev.purista.core.message.CommandErrorResponse error) {
			return error.isHandledError() ? "handled_error" : "unhandled_error";
		}
		return "success";
	}

	static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof CompletionException || current instanceof ExecutionException
				|| current instanceof java.lang.reflect.InvocationTargetException) && current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
