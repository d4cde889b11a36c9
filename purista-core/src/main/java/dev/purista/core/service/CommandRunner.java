package dev.purista.core.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.purista.core.error.CommandTimeoutException;
import dev.purista.core.error.StatusCode;
import dev.purista.core.message.Command;
import dev.purista.core.message.CommandErrorResponse;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.ErrorPayload;
import dev.purista.core.message.Ids;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.Messages;

/**
 * Runs single commands of some services without an event bridge between the caller and the service: the entry
 * of a function-per-command deployment (a serverless function receives one PURISTA command message and answers
 * with the response message) and of tests that call a command directly.
 * <p>
 * A command runs through the same pipeline a service registers on its event bridge
 * ({@link ServiceRuntime#start()}): input transform, payload and parameter validation, before guards, handler,
 * output validation, after guards, output transform. The answer is the PURISTA response message a bridge would
 * deliver to the caller:
 * <ul>
 * <li>a {@link CommandSuccessResponse} with the result as payload and the command's success event as
 * {@code eventName};</li>
 * <li>a {@link CommandErrorResponse}: a {@link dev.purista.core.error.HandledException} keeps its status, message
 * and data ({@code isHandledError: true}, e.g. 400 {@code "input validation for payload failed:"} with the
 * issues); any other error is 500 "Internal Server Error" without detail; a command none of the services
 * defines is 502 "Bad Gateway", as PURISTA's in-memory event bridge answers a command nobody registered.</li>
 * </ul>
 * The success payload is the result object as the pipeline produced it, not a JSON copy as a bridge delivers it:
 * encode the response with {@link dev.purista.core.message.MessageCodec} to send it on.
 * The response answers the command's sender and copies its correlation id, trace id (a fresh one when the
 * command has none), principal and tenant; the responder is the command's receiver with the instance id of the
 * environment's event bridge. The handler sees the command's trace id, principal and tenant, and they travel
 * with everything it invokes, emits and enqueues, which still goes through the {@link ServiceEnvironment}'s
 * bridges and stores (so the environment's event bridge must be started).
 * <p>
 * <strong>Success event.</strong> On a bridge the success response itself is the event: subscriptions to the
 * command's success event receive it. The runner keeps that: when a command with a success event succeeds, the
 * response is published through the environment's event bridge ({@link dev.purista.core.bridge.EventBridge#emitMessage})
 * before the answer completes, so subscriptions on that bridge receive it (with a new message id, as the
 * bridge sets on publishing); responses without an event and error responses are only returned. If the event
 * cannot be published, the answer is 500 "Internal Server Error" (as a bridge answers a response it cannot
 * send); the command's own effects have happened. Subscriptions run as the bridge runs them: on the in-memory
 * bridge in its default mode on its handler threads after the answer completes, with
 * {@code HandlerExecution.CALLER_THREAD} before it.
 * <p>
 * <strong>Threading.</strong> The pipeline runs on the builder's {@link Builder#executor(Executor) executor},
 * by default the calling thread: then {@code run} blocks until the handler returns, and the future is already
 * complete for a synchronous handler (a handler returning a {@link CompletionStage} completes it later). The
 * returned futures never complete exceptionally. Thread-safe.
 * <p>
 * Only the commands of the given services run here; their subscriptions and queue workers run where a
 * {@link ServiceRuntime} starts them. The runner has no lifecycle of its own.
 */
public final class CommandRunner {

	/** The sender of the commands {@link #run(MessageAddress, Object, Object, Identity)} builds, unless set. */
	public static final MessageAddress DEFAULT_SENDER = MessageAddress.of("CommandRunner", "1", "run");

	private static final Log logger = LogFactory.getLog(CommandRunner.class);

	private final ServiceEnvironment environment;

	private final Map<String, CommandPipeline> pipelines;

	private final List<MessageAddress> commands;

	private final Executor executor;

	private final MessageAddress sender;

	private CommandRunner(Builder builder) {
		this.environment = builder.environment;
		this.executor = builder.executor;
		this.sender = builder.sender;
		Outbound outbound = new Outbound(builder.environment);
		Map<String, CommandPipeline> pipelines = new LinkedHashMap<>();
		for (ServiceDefinition service : builder.services) {
			for (CommandDefinition command : service.commands()) {
				CommandPipeline pipeline = new CommandPipeline(builder.environment, outbound, service.info(), command);
				if (pipelines.putIfAbsent(key(pipeline.address()), pipeline) != null) {
					throw new IllegalArgumentException(
							"Command " + pipeline.address() + " is defined by more than one service definition");
				}
			}
		}
		this.pipelines = Collections.unmodifiableMap(pipelines);
		this.commands = pipelines.values().stream().map(CommandPipeline::address).toList();
	}

	/**
	 * Start building a runner for commands of services on an environment.
	 * @param environment the bridges and stores the commands' handlers use
	 * @return the builder
	 */
	public static Builder builder(ServiceEnvironment environment) {
		return new Builder(environment);
	}

	/**
	 * Create a runner for the commands of some services that runs them on the calling thread.
	 * @param environment the bridges and stores the commands' handlers use
	 * @param services the services
	 * @return the runner
	 * @throws IllegalArgumentException if two definitions define the same command
	 */
	public static CommandRunner of(ServiceEnvironment environment, ServiceDefinition... services) {
		return builder(environment).services(List.of(services)).build();
	}

	/**
	 * The commands this runner runs (service name, version and command name), in definition order.
	 * @return the command addresses
	 */
	public List<MessageAddress> commands() {
		return this.commands;
	}

	/**
	 * Whether this runner runs a command (compared as PURISTA's in-memory bridge does: ignoring case and the
	 * instance id).
	 * @param address the command address
	 * @return {@code true} if one of the services defines it
	 */
	public boolean serves(MessageAddress address) {
		return this.pipelines.containsKey(key(address));
	}

	/**
	 * Run a PURISTA command message and answer with its response message. The command is used as it is (its id,
	 * correlation id and sender are not changed); its receiver's instance id is not checked.
	 * @param command the command
	 * @return the {@link CommandSuccessResponse} or {@link CommandErrorResponse}; never completes exceptionally.
	 * Already complete when a synchronous handler ran on the calling thread (the default executor)
	 */
	public CompletableFuture<Message> run(Command command) {
		Objects.requireNonNull(command, "command");
		CompletableFuture<Message> answer = new CompletableFuture<>();
		try {
			this.executor.execute(() -> execute(command).whenComplete((response, error) -> answer
				.complete((error != null) ? Messages.error(command, instanceId(), CommandPipeline.unwrap(error), null)
						: response)));
		}
		catch (RejectedExecutionException ex) {
			logger.warn("Refused command " + command.id() + " for " + command.receiver() + ": the executor is "
					+ "saturated or shut down");
			answer.complete(Messages.unhandled(command, instanceId(), StatusCode.SERVICE_UNAVAILABLE.code(), null));
		}
		return answer;
	}

	/**
	 * Run a PURISTA command message and answer with its response message, or with an error response 504
	 * "invocation timed out" ({@code isHandledError: false}, what a bridge caller gets as
	 * {@link CommandTimeoutException}) when the command takes longer than {@code timeout}. The handler is not
	 * interrupted: when it finishes late, its response is dropped with a warning, but its success event is still
	 * published, as on a bridge. With the default executor (the calling thread) a synchronous handler cannot be
	 * timed out: give the builder an executor to bound it.
	 * @param command the command
	 * @param timeout how long to wait for the response
	 * @return the response; never completes exceptionally
	 */
	public CompletableFuture<Message> run(Command command, Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		CompletableFuture<Message> answer = new CompletableFuture<>();
		run(command).whenComplete((response, error) -> {
			if (!answer.complete(response)) {
				logger.warn("Dropped the late response to command " + command.id() + " for " + command.receiver()
						+ ": it took longer than " + timeout.toMillis() + " ms (trace " + command.traceId() + ")");
			}
		});
		return answer.completeOnTimeout(timedOut(command, timeout), timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Build a PURISTA command message to a command and run it, as {@link #run(Command)} does. The command is sent
	 * from the builder's {@link Builder#sender(MessageAddress) sender} (by default {@link #DEFAULT_SENDER}) with
	 * the environment's event bridge instance id, with new message and correlation ids, and with the identity's
	 * trace id, or a fresh one when it has none, so that the response and everything the handler sends share one.
	 * @param target the command (service name, version and command name)
	 * @param payload the payload, as JSON-shaped values or objects the codec can convert
	 * @param parameter the parameter, or {@code null}
	 * @param identity the trace id, principal and tenant to send
	 * @return the {@link CommandSuccessResponse} or {@link CommandErrorResponse}; never completes exceptionally
	 */
	public CompletableFuture<Message> run(MessageAddress target, @Nullable Object payload, @Nullable Object parameter,
			Identity identity) {
		String traceId = (identity.traceId() != null) ? identity.traceId() : Ids.newId();
		return run(Messages.command(this.sender.withInstanceId(instanceId()), target, payload, parameter, traceId,
				identity.principalId(), identity.tenantId(), null));
	}

	/**
	 * Build a PURISTA command message without parameter, principal or tenant and run it, as
	 * {@link #run(MessageAddress, Object, Object, Identity)} does.
	 * @param serviceName the service name
	 * @param serviceVersion the service version
	 * @param commandName the command name
	 * @param payload the payload
	 * @return the {@link CommandSuccessResponse} or {@link CommandErrorResponse}; never completes exceptionally
	 */
	public CompletableFuture<Message> run(String serviceName, String serviceVersion, String commandName,
			@Nullable Object payload) {
		return run(MessageAddress.of(serviceName, serviceVersion, commandName), payload, null, Identity.NONE);
	}

	private CompletionStage<Message> execute(Command command) {
		CommandPipeline pipeline = this.pipelines.get(key(command.receiver()));
		if (pipeline == null) {
			if (logger.isDebugEnabled()) {
				logger.debug("No service here defines command " + command.receiver() + " of message " + command.id()
						+ ": answering 502");
			}
			return CompletableFuture
				.completedFuture(Messages.unhandled(command, instanceId(), StatusCode.BAD_GATEWAY.code(), null));
		}
		CompletionStage<Message> stage;
		try {
			stage = pipeline.handle(command);
		}
		catch (RuntimeException ex) {
			stage = CompletableFuture.failedFuture(ex);
		}
		return stage.handle((response, error) -> (error != null)
				? Messages.error(command, instanceId(), CommandPipeline.unwrap(error), null)
				: publishSuccessEvent(command, response));
	}

	/**
	 * Publish a success response that carries a success event, as a bridge publishes every response.
	 */
	private Message publishSuccessEvent(Command command, Message response) {
		if (!(response instanceof CommandSuccessResponse) || response.eventName() == null) {
			return response;
		}
		try {
			this.environment.eventBridge().emitMessage(response);
			return response;
		}
		catch (RuntimeException ex) {
			logger.warn("Success event '" + response.eventName() + "' of command " + command.id() + " for "
					+ command.receiver() + " could not be published; answering 500 instead", ex);
			return Messages.unhandled(command, instanceId(), StatusCode.INTERNAL_SERVER_ERROR.code(), response.otp());
		}
	}

	private CommandErrorResponse timedOut(Command command, Duration timeout) {
		CommandErrorResponse response = Messages.unhandled(command, instanceId(), StatusCode.GATEWAY_TIMEOUT.code(),
				null);
		ErrorPayload error = new ErrorPayload(StatusCode.GATEWAY_TIMEOUT.code(), CommandTimeoutException.MESSAGE, null,
				response.payload().traceId());
		return new CommandErrorResponse(response.messageType(), response.id(), response.timestamp(),
				response.contentType(), response.contentEncoding(), response.sender(), response.receiver(),
				response.correlationId(), response.traceId(), response.principalId(), response.tenantId(), null, null,
				false, error, response.extensions());
	}

	private String instanceId() {
		return this.environment.eventBridge().instanceId();
	}

	private static String key(MessageAddress address) {
		return (address.serviceName() + "-" + address.serviceVersion() + "-" + address.serviceTarget())
			.toLowerCase(Locale.ROOT);
	}

	/**
	 * Builds a {@link CommandRunner}. Not thread-safe.
	 */
	public static final class Builder {

		private final ServiceEnvironment environment;

		private final List<ServiceDefinition> services = new ArrayList<>();

		private Executor executor = Runnable::run;

		private MessageAddress sender = DEFAULT_SENDER;

		private Builder(ServiceEnvironment environment) {
			this.environment = Objects.requireNonNull(environment, "environment");
		}

		/**
		 * Run the commands of a service.
		 * @param service the service definition
		 * @return this builder
		 */
		public Builder service(ServiceDefinition service) {
			this.services.add(Objects.requireNonNull(service, "service"));
			return this;
		}

		/**
		 * Run the commands of services.
		 * @param services the service definitions
		 * @return this builder
		 */
		public Builder services(Collection<ServiceDefinition> services) {
			services.forEach(this::service);
			return this;
		}

		/**
		 * Run the pipeline on an executor instead of the calling thread (needed to time out synchronous
		 * handlers with {@link CommandRunner#run(Command, Duration)}). A command the executor rejects is
		 * answered with 503 "Service Unavailable".
		 * @param executor the executor
		 * @return this builder
		 */
		public Builder executor(Executor executor) {
			this.executor = Objects.requireNonNull(executor, "executor");
			return this;
		}

		/**
		 * Set the sender of the commands {@link CommandRunner#run(MessageAddress, Object, Object, Identity)}
		 * builds (default {@link CommandRunner#DEFAULT_SENDER}), e.g.
		 * {@code MessageAddress.of("HttpServer", "1", "$$endpoint:post:/api/v1/user")}.
		 * @param sender the sender address
		 * @return this builder
		 */
		public Builder sender(MessageAddress sender) {
			this.sender = Objects.requireNonNull(sender, "sender");
			return this;
		}

		/**
		 * Build the runner.
		 * @return the runner
		 * @throws IllegalArgumentException if two definitions define the same command
		 */
		public CommandRunner build() {
			return new CommandRunner(this);
		}

	}

}
