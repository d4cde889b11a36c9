package dev.purista.core.service;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import dev.purista.core.message.MessageAddress;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.EnqueueResult;
import dev.purista.core.store.ConfigStore;
import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StateStore;

/**
 * The parts of every handler context: ids, invocation, emit, enqueue and stores.
 */
abstract class AbstractHandlerContext implements HandlerContext {

	private final ServiceEnvironment environment;

	private final Outbound outbound;

	private final MessageAddress self;

	private final Identity identity;

	private final Map<String, Type> emits;

	private final Log logger;

	AbstractHandlerContext(ServiceEnvironment environment, Outbound outbound, MessageAddress self, Identity identity,
			Map<String, Type> emits, Log logger) {
		this.environment = environment;
		this.outbound = outbound;
		this.self = self;
		this.identity = identity;
		this.emits = emits;
		this.logger = logger;
	}

	/**
	 * The ids the handled work carries, passed on to everything the handler sends.
	 */
	Identity identity() {
		return this.identity;
	}

	@Override
	public @Nullable String traceId() {
		return this.identity.traceId();
	}

	@Override
	public @Nullable String principalId() {
		return this.identity.principalId();
	}

	@Override
	public @Nullable String tenantId() {
		return this.identity.tenantId();
	}

	@Override
	public Log logger() {
		return this.logger;
	}

	@Override
	public <R> CompletableFuture<R> invoke(String service, String version, String command, @Nullable Object payload,
			@Nullable Object parameter, Class<R> resultType) {
		return this.outbound.invoke(this.self, MessageAddress.of(service, version, command), payload, parameter,
				resultType, null, this.identity);
	}

	@Override
	public <R> CompletableFuture<R> invoke(String service, String version, String command, @Nullable Object payload,
			@Nullable Object parameter, Class<R> resultType, Duration timeout) {
		return this.outbound.invoke(this.self, MessageAddress.of(service, version, command), payload, parameter,
				resultType, timeout, this.identity);
	}

	@Override
	public <T> T client(Class<T> clientType) {
		return PuristaClients.create(clientType, (target, payload, parameter, resultType, timeout) -> this.outbound
			.<Object>invoke(this.self, target, payload, parameter, resultType, timeout, this.identity));
	}

	@Override
	public void emit(String eventName, @Nullable Object payload) {
		Object validated = this.outbound.validateEvent(this.emits, eventName, payload, this.identity);
		this.outbound.emit(this.self, eventName, validated, this.identity);
	}

	@Override
	public EnqueueResult enqueue(String queueName, @Nullable Object payload) {
		return enqueue(EnqueueRequest.of(queueName, payload));
	}

	@Override
	public EnqueueResult enqueue(EnqueueRequest request) {
		return this.outbound.enqueue(this.self, request, this.identity);
	}

	@Override
	public StateStore states() {
		return this.environment.stateStore();
	}

	@Override
	public ConfigStore configs() {
		return this.environment.configStore();
	}

	@Override
	public SecretStore secrets() {
		return this.environment.secretStore();
	}

	@Override
	public <T> @Nullable T getState(String name, Class<T> type) {
		Object value = this.environment.stateStore().getState(name).get(name);
		return this.environment.codec().convert(value, type);
	}

}
