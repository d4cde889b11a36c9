package dev.purista.core.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.error.HandledException;
import dev.purista.core.message.Command;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.observation.MessageReceiverContext;
import dev.purista.core.observation.PuristaObservation;
import dev.purista.core.observation.PuristaObservations;
import dev.purista.core.observation.TraceCarrier;
import dev.purista.core.validation.PayloadValidator;

/**
 * Runs one subscription: converts and validates the payload, calls the handler, emits a returned value as the
 * output event and tells the bridge what to do. A {@link HandledException} (or an invalid payload, which is
 * logged and will never become valid) acknowledges the message; other errors ask for a retry.
 */
final class SubscriptionExecutor {

	private final ServiceEnvironment environment;

	private final Outbound outbound;

	private final SubscriptionDefinition definition;

	private final MessageAddress address;

	private final Log logger;

	SubscriptionExecutor(ServiceEnvironment environment, Outbound outbound, ServiceInfo info,
			SubscriptionDefinition definition) {
		this.environment = environment;
		this.outbound = outbound;
		this.definition = definition;
		this.address = MessageAddress.of(info.name(), info.version(), definition.name());
		this.logger = LogFactory.getLog("dev.purista.service." + info.name() + "." + definition.name());
	}

	MessageAddress address() {
		return this.address;
	}

	CompletionStage<SubscriptionResult> handle(Message message) {
		if (this.environment.observationRegistry().isNoop()) {
			return execute(message);
		}
		Observation observation = PuristaObservations.create(PuristaObservation.SUBSCRIPTION_HANDLE, this.address,
				() -> new MessageReceiverContext(TraceCarrier.fromOtp(message.otp())),
				this.environment.observationRegistry())
			.start();
		CompletionStage<SubscriptionResult> result;
		try (Observation.Scope scope = observation.openScope()) {
			result = execute(message);
		}
		return result.whenComplete((decision, error) -> {
			if (error != null) {
				observation.error(error);
			}
			observation.stop();
		});
	}

	private CompletionStage<SubscriptionResult> execute(Message message) {
		DefaultSubscriptionContext context = new DefaultSubscriptionContext(this.environment, this.outbound,
				this.address, message, this.definition, this.logger);
		try {
			Object raw = (message instanceof Command command) ? command.payload().payload() : message.payload();
			PayloadValidator.Result payload = this.environment.validator().convertAndValidate(raw,
					this.definition.payloadType());
			if (!payload.isValid()) {
				this.logger.warn("Subscription " + this.address + " ignored message " + message.id()
						+ ": its payload does not fit " + this.definition.payloadType().getTypeName() + " "
						+ payload.issues());
				return CompletableFuture.completedFuture(SubscriptionResult.ack());
			}
			Object result = this.definition.handler().handle(payload.value(), context);
			if (result instanceof CompletionStage<?> stage) {
				return stage.handle((value, error) -> (error != null) ? failure(message, error)
						: complete(message, value, context));
			}
			return CompletableFuture.completedFuture(complete(message, result, context));
		}
		catch (Throwable ex) {
			return CompletableFuture.completedFuture(failure(message, ex));
		}
	}

	private SubscriptionResult complete(Message message, @Nullable Object result,
			DefaultSubscriptionContext context) {
		if (result instanceof SubscriptionResult control) {
			return control;
		}
		String outputEvent = this.definition.outputEventName();
		if (outputEvent != null && result != null) {
			try {
				PayloadValidator.Result validated = this.environment.validator().convertAndValidate(result,
						this.definition.outputType());
				if (!validated.isValid()) {
					this.logger.error("Subscription " + this.address + " returned an invalid output for message "
							+ message.id() + ": " + validated.issues());
					return SubscriptionResult.retry("output validation failed", null);
				}
				this.outbound.emit(this.address, outputEvent, result, context.identity());
			}
			catch (RuntimeException ex) {
				return failure(message, ex);
			}
		}
		return SubscriptionResult.ack();
	}

	private SubscriptionResult failure(Message message, Throwable error) {
		Throwable cause = CommandPipeline.unwrap(error);
		if (cause instanceof HandledException handled) {
			this.logger.info("Subscription " + this.address + " handled error " + handled.getStatus() + " on message "
					+ message.id() + ": " + handled.getMessage());
			return SubscriptionResult.ack();
		}
		this.logger.warn("Subscription " + this.address + " failed on message " + message.id(), cause);
		return SubscriptionResult.retry(String.valueOf(cause.getMessage()), null);
	}

}
