package dev.purista.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.error.StatusException;
import dev.purista.core.error.StoreUnavailableException;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.service.Identity;
import dev.purista.core.service.PuristaInvoker;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.service.ServiceRuntime;
import dev.purista.core.store.StoreOptions;
import dev.purista.test.broker.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * A command whose {@link RedisStateStore} cannot reach Redis answers 503 "Service Unavailable" (a retry may
 * succeed), not 500: a service runs on the real runtime (in-memory event bridge) with its state store in Redis,
 * reached through a {@link TcpProxy} the test cuts, black-holes and restores. Once Redis is reachable again the
 * same command succeeds. A value in Redis that is not JSON still answers 500.
 */
class RedisStoreOutageIntegrationTests {

	/** A database of its own; keys carry a random prefix and are deleted afterwards. */
	private static final int DATABASE = 13;

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

	private static final MessageAddress READ = MessageAddress.of("Stock", "1", "read");

	private final String key = "purista-test:store-outage:" + UUID.randomUUID();

	private final MessageCodec codec = new MessageCodec();

	private RedisTestSupport direct;

	private TcpProxy proxy;

	private LettuceConnectionFactory proxied;

	private InMemoryEventBridge bridge;

	private ServiceRuntime runtime;

	private PuristaInvoker invoker;

	@BeforeEach
	void connect() {
		this.direct = new RedisTestSupport(DATABASE);
		this.proxy = new TcpProxy(this.direct.address.host(), this.direct.address.port()).start();
		this.direct.template.opsForValue().set(this.key, "{\"count\":7}");
	}

	@AfterEach
	void close() {
		if (this.runtime != null) {
			this.runtime.destroy();
		}
		if (this.bridge != null) {
			this.bridge.destroy();
		}
		if (this.proxied != null) {
			this.proxied.destroy();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
		if (this.direct != null) {
			this.direct.template.delete(this.key);
			this.direct.close();
		}
	}

	@Test
	void commandsRejectedWhileDisconnectedAnswer503AndSucceedOnceRedisIsBack() {
		// what purista.redis.reject-commands-while-disconnected=true (the default) configures
		start(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
		assertThat(read()).isEqualTo(Map.of("count", 7));

		this.proxy.cutConnections();
		StatefulConnection<?, ?> shared = sharedConnection(this.proxied);
		await().atMost(Duration.ofSeconds(5)).until(() -> !shared.isOpen());
		assertUnavailable(invokeRead());
		StoreUnavailableException thrown = catchThrowableOfType(StoreUnavailableException.class,
				() -> store().getState(this.key));
		assertThat(thrown).hasMessage("RedisStateStore could not read key '" + this.key + "': Redis is unavailable"
				+ " (io.lettuce.core.RedisException: Currently not connected. Commands are rejected.)")
			.hasRootCauseMessage("Currently not connected. Commands are rejected.");
		assertThat(thrown.getStatus()).isEqualTo(503);
		assertThatExceptionOfType(StoreUnavailableException.class)
			.isThrownBy(() -> store().setState(this.key, Map.of("count", 8)))
			.withMessageStartingWith("RedisStateStore could not write key '" + this.key + "': Redis is unavailable")
			.withMessageNotContaining("count");
		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> store().removeState(this.key))
			.withMessageStartingWith("RedisStateStore could not delete key '" + this.key + "'");

		this.proxy.restore();
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> Map.of("count", 7).equals(read()));
	}

	@Test
	void commandsWaitingForAReconnectTimeOutAndAnswer503() {
		// Lettuce's own default: commands are buffered while disconnected until the command timeout
		start(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS);
		assertThat(read()).isEqualTo(Map.of("count", 7));

		this.proxy.cutConnections();
		assertUnavailable(invokeRead());
		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> store().getState(this.key))
			.withMessageContaining("RedisCommandTimeoutException");

		this.proxy.restore();
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> Map.of("count", 7).equals(read()));
	}

	@Test
	void redisThatStopsAnsweringTimesOutAndAnswers503() {
		start(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
		assertThat(read()).isEqualTo(Map.of("count", 7));

		this.proxy.blackHole();
		assertUnavailable(invokeRead());

		this.proxy.restore();
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> Map.of("count", 7).equals(read()));
	}

	@Test
	void redisNeverReachedAnswers503NamingTheStore() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		LettuceConnectionFactory nowhere = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		nowhere.afterPropertiesSet();
		nowhere.start();
		try {
			RedisConfigStore store = new RedisConfigStore(new StringRedisTemplate(nowhere), this.codec,
					StoreOptions.configDefaults());
			assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> store.getConfig("a", "b"))
				.withMessageStartingWith("RedisConfigStore could not read 2 keys: Redis is unavailable")
				.withCauseInstanceOf(org.springframework.data.redis.RedisConnectionFailureException.class);
		}
		finally {
			nowhere.destroy();
		}
	}

	@Test
	void valueThatIsNotJsonStillAnswers500() {
		start(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
		this.direct.template.opsForValue().set(this.key, "not json");

		StatusException error = failure(invokeRead());

		assertThat(error).isInstanceOf(UnhandledException.class);
		assertThat(error.getStatus()).isEqualTo(500);
		assertThat(error.getMessage()).isEqualTo("Internal Server Error");
	}

	private void start(ClientOptions.DisconnectedBehavior disconnectedBehavior) {
		RedisStandaloneConfiguration server = new RedisStandaloneConfiguration("127.0.0.1", this.proxy.port());
		server.setDatabase(DATABASE);
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.commandTimeout(COMMAND_TIMEOUT)
			.clientOptions(ClientOptions.builder().disconnectedBehavior(disconnectedBehavior).build())
			.build();
		this.proxied = new LettuceConnectionFactory(server, client);
		this.proxied.afterPropertiesSet();
		this.proxied.start();
		this.bridge = new InMemoryEventBridge();
		this.bridge.start();
		ServiceEnvironment environment = ServiceEnvironment.builder(this.bridge).stateStore(store()).build();
		this.runtime = new ServiceRuntime(ServiceBuilder.service("Stock", "1")
			.command("read")
			.handler((payload, parameter, context) -> context.states().getState(this.key).get(this.key))
			.build(), environment);
		this.runtime.start();
		this.invoker = new PuristaInvoker(environment, MessageAddress.of("Caller", "1", "test"));
	}

	private RedisStateStore store() {
		return new RedisStateStore(new StringRedisTemplate(this.proxied), this.codec, StoreOptions.stateDefaults());
	}

	private CompletableFuture<Object> invokeRead() {
		return this.invoker.invoke(READ, null, null, Object.class, Duration.ofSeconds(10), Identity.NONE);
	}

	private Object read() {
		return invokeRead().join();
	}

	private static void assertUnavailable(CompletableFuture<?> invocation) {
		StatusException error = failure(invocation);
		assertThat(error).isInstanceOf(UnhandledException.class);
		assertThat(error.getStatus()).as("status of a command whose store is unreachable").isEqualTo(503);
		assertThat(error.getMessage()).isEqualTo("Service Unavailable");
		assertThat(error.getData()).isNull();
	}

	private static StatusException failure(CompletableFuture<?> invocation) {
		CompletionException thrown = catchThrowableOfType(CompletionException.class, invocation::join);
		assertThat(thrown).as("the invocation failed").isNotNull();
		assertThat(thrown.getCause()).isInstanceOf(StatusException.class);
		return (StatusException) thrown.getCause();
	}

	@SuppressWarnings("deprecation") // Lettuce has no other way from the commands API to its connection
	private static StatefulConnection<?, ?> sharedConnection(LettuceConnectionFactory connectionFactory) {
		try (RedisConnection connection = connectionFactory.getConnection()) {
			return ((RedisAsyncCommands<?, ?>) connection.getNativeConnection()).getStatefulConnection();
		}
	}

}
