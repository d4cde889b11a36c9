package dev.purista.core.service;

import java.time.Duration;

import org.apache.commons.logging.Log;

import dev.purista.core.message.MessageAddress;
import dev.purista.core.observation.TraceCarrier;
import dev.purista.core.queue.QueueHeaders;
import dev.purista.core.queue.QueueMessage;
import dev.purista.core.queue.worker.QueueJob;

final class DefaultQueueWorkerContext extends AbstractHandlerContext implements QueueWorkerContext {

	private final QueueJob job;

	DefaultQueueWorkerContext(ServiceEnvironment environment, Outbound outbound, MessageAddress self, QueueJob job,
			QueueWorkerDefinition definition, Log logger) {
		super(environment, outbound, self,
				new Identity(job.message().traceId(), job.headers().get(QueueHeaders.PRINCIPAL_ID),
						job.headers().get(QueueHeaders.TENANT_ID), TraceCarrier.w3cEntries(job.headers())),
				definition.emits(), logger);
		this.job = job;
	}

	@Override
	public QueueMessage job() {
		return this.job.message();
	}

	@Override
	public void extendLease(Duration extension) {
		this.job.extendLease(extension);
	}

	@Override
	public boolean isCancelRequested() {
		return this.job.isCancelRequested();
	}

}
