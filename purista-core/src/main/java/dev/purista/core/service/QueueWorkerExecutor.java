package dev.purista.core.service;

import java.util.HashMap;

import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.purista.core.message.MessageAddress;
import dev.purista.core.observation.MessageReceiverContext;
import dev.purista.core.observation.PuristaObservation;
import dev.purista.core.observation.PuristaObservations;
import dev.purista.core.queue.worker.JobResult;
import dev.purista.core.queue.worker.QueueJob;
import dev.purista.core.queue.worker.QueueJobHandler;
import dev.purista.core.validation.PayloadValidator;

/**
 * Adapts a queue worker definition to the worker runtime: converts and validates the job's payload and
 * parameter (a job that does not validate is dead-lettered with the issues as reason: it would never succeed),
 * runs the handler inside a {@code purista.queue.process} observation continuing the enqueuer's trace, and
 * maps the return value to a {@link JobResult}.
 */
final class QueueWorkerExecutor implements QueueJobHandler {

	private final ServiceEnvironment environment;

	private final Outbound outbound;

	private final QueueWorkerDefinition definition;

	private final MessageAddress address;

	private final Log logger;

	QueueWorkerExecutor(ServiceEnvironment environment, Outbound outbound, ServiceInfo info,
			QueueWorkerDefinition definition) {
		this.environment = environment;
		this.outbound = outbound;
		this.definition = definition;
		this.address = MessageAddress.of(info.name(), info.version(), definition.queueName());
		this.logger = LogFactory.getLog("dev.purista.service." + info.name() + "." + definition.name());
	}

	@Override
	public @Nullable JobResult handle(QueueJob job) throws Exception {
		if (this.environment.observationRegistry().isNoop()) {
			return execute(job);
		}
		Observation observation = PuristaObservations.create(PuristaObservation.QUEUE_PROCESS, this.address,
				() -> new MessageReceiverContext(new HashMap<>(job.headers())), this.environment.observationRegistry())
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			return execute(job);
		}
		catch (Exception ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private JobResult execute(QueueJob job) throws Exception {
		PayloadValidator validator = this.environment.validator();
		PayloadValidator.Result payload = validator.convertAndValidate(job.payload(), this.definition.payloadType());
		PayloadValidator.Result parameter = validator.convertAndValidate(job.parameter(),
				this.definition.parameterType());
		if (!payload.isValid() || !parameter.isValid()) {
			String reason = "validation failed: " + (payload.isValid() ? "parameter " + parameter.issues()
					: "payload " + payload.issues());
			this.logger.warn("Job " + job.id() + " of queue " + job.queueName() + " is dead-lettered: " + reason);
			return JobResult.deadLetter(reason);
		}
		DefaultQueueWorkerContext context = new DefaultQueueWorkerContext(this.environment, this.outbound,
				this.address, job, this.definition, this.logger);
		Object result = this.definition.handler().handle(payload.value(), parameter.value(), context);
		if (result instanceof java.util.concurrent.CompletionStage<?> stage) {
			result = stage.toCompletableFuture().get();
		}
		return (result instanceof JobResult jobResult) ? jobResult : JobResult.success(result);
	}

}
