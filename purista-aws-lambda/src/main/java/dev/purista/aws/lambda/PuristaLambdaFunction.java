package dev.purista.aws.lambda;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.amazonaws.services.lambda.runtime.Context;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.purista.boot.autoconfigure.web.PuristaHttpRoutes;
import dev.purista.core.error.StatusCode;
import dev.purista.core.message.Command;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.message.Messages;
import dev.purista.core.service.CommandRunner;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceEnvironment;

/**
 * Answers one Lambda invocation: a PURISTA command message with its response message, an API Gateway HTTP API
 * (payload v2) event with an HTTP API response. Commands run through a {@link CommandRunner} on a thread of its
 * own, bounded by the invocation's remaining time less a margin; the answer is returned once the subscriptions its
 * success event set off in this function have finished too (Lambda freezes the container after the answer).
 * Thread-safe.
 */
final class PuristaLambdaFunction {

	private static final Log logger = LogFactory.getLog(PuristaLambdaFunction.class);

	private static final long FOLLOW_UP_POLL_NANOS = 1_000_000;

	private final ServiceEnvironment environment;

	private final MessageCodec codec;

	private final CommandRunner runner;

	private final ServedCommands served;

	private final Duration deadlineMargin;

	private final HttpApiEvents http;

	/**
	 * Create the function.
	 * @param environment the bridges and stores of the services
	 * @param definitions the services' definitions
	 * @param codec the message codec
	 * @param served the commands served
	 * @param deadlineMargin the time kept back from the invocation's remaining time to write the answer
	 * @param http how HTTP API events are mapped
	 */
	PuristaLambdaFunction(ServiceEnvironment environment, List<ServiceDefinition> definitions, MessageCodec codec,
			ServedCommands served, Duration deadlineMargin, HttpApiEvents.Options http) {
		this.environment = environment;
		this.codec = codec;
		this.served = served;
		this.deadlineMargin = deadlineMargin;
		ExecutorService executor = Executors.newCachedThreadPool(new DaemonThreads());
		this.runner = CommandRunner.builder(environment).services(definitions).executor(executor).build();
		String unmatched = served.firstUnmatched(this.runner.commands());
		if (unmatched != null) {
			throw new IllegalStateException("purista.lambda.commands names '" + unmatched
					+ "', which none of the application's services defines; it defines " + this.runner.commands());
		}
		this.http = new HttpApiEvents(this, PuristaHttpRoutes.of(definitions, http.basePath()), codec.mapper(), http);
	}

	/**
	 * Answer an invocation.
	 * @param input the event as sent to the function
	 * @param context the invocation's context
	 * @return the answer to write
	 * @throws IllegalArgumentException when the event is neither a PURISTA command nor an HTTP API v2 event
	 */
	byte[] handle(byte[] input, Context context) {
		JsonNode event;
		try {
			event = this.codec.mapper().readTree(input);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The event is not JSON", ex);
		}
		if (HttpApiEvents.isHttpApiEvent(event)) {
			return this.http.handle(event, context);
		}
		if (event.path("messageType").asString("").equals("command")) {
			Message command = this.codec.decode(event);
			return this.codec.encode(run((Command) command, context));
		}
		throw new IllegalArgumentException("The event is neither a PURISTA command message (messageType \"command\") "
				+ "nor an API Gateway HTTP API payload v2 event (version \"2.0\" with routeKey)");
	}

	/**
	 * The instance id of the environment's event bridge, which commands built here are sent from.
	 */
	String instanceId() {
		return this.environment.eventBridge().instanceId();
	}

	/**
	 * Whether a command is served by this function.
	 */
	boolean serves(MessageAddress address) {
		return this.served.serves(address) && this.runner.serves(address);
	}

	/**
	 * Run a command within the invocation's remaining time.
	 * @return the success or error response message
	 */
	Message run(Command command, Context context) {
		if (!this.served.serves(command.receiver())) {
			logger.debug("Command " + command.receiver() + " is not served by this function: answering 502");
			return Messages.unhandled(command, instanceId(),
					StatusCode.BAD_GATEWAY.code(), null);
		}
		Duration timeout = Duration.ofMillis(Math.max(1, context.getRemainingTimeInMillis()))
			.minus(this.deadlineMargin);
		if (timeout.compareTo(Duration.ofMillis(1)) < 0) {
			timeout = Duration.ofMillis(1);
		}
		try {
			Message response = this.runner.run(command, timeout).get();
			awaitFollowUps(command, timeout);
			return response;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Messages.unhandled(command, instanceId(),
					StatusCode.SERVICE_UNAVAILABLE.code(), null);
		}
		catch (ExecutionException ex) {
			// the runner's futures never complete exceptionally
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Wait until the handlers the command set off in this function have finished: the subscriptions of its success
	 * event run on the in-memory bridge after the command answered, and Lambda freezes the container as soon as
	 * the invocation returns, which would stop them mid-work (a welcome mail never enqueued). Bounded by the
	 * invocation's time; one invocation runs per container at a time, so the bridge's in-flight count is this
	 * invocation's.
	 */
	private void awaitFollowUps(Command command, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		int inFlight;
		while ((inFlight = this.environment.eventBridge().inFlightCount()) > 0) {
			if (System.nanoTime() - deadline >= 0) {
				logger.warn(inFlight + " handler(s) set off by command " + command.id() + " for " + command.receiver()
						+ " are still running as the invocation ends; they go on when the container runs again");
				return;
			}
			LockSupport.parkNanos(FOLLOW_UP_POLL_NANOS);
		}
	}

	private static final class DaemonThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable runnable) {
			Thread thread = new Thread(runnable, "purista-lambda-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
