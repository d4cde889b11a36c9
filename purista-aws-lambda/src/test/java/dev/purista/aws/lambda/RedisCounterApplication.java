package dev.purista.aws.lambda;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.purista.core.annotation.Command;
import dev.purista.core.annotation.Http;
import dev.purista.core.annotation.PuristaService;
import dev.purista.core.error.HandledException;
import dev.purista.core.queue.EnqueueResult;
import dev.purista.core.service.CommandContext;

/**
 * The application {@link PuristaLambdaHandlerRuntimeIntegrationTests} runs under the real Lambda runtime interface
 * client: a {@code Counter} service whose counters live in the Redis state store and whose every count is queued
 * on the Redis queue bridge. Its answers say which process and which context (started when, how often) served them.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class RedisCounterApplication {

	/** The queue each count is enqueued on. */
	static final String QUEUE = "lambda-counted";

	private static final AtomicInteger STARTS = new AtomicInteger();

	private static volatile long startedAt;

	@Bean
	CounterService counterService() {
		STARTS.incrementAndGet();
		startedAt = System.currentTimeMillis();
		return new CounterService();
	}

	/**
	 * The increment payload.
	 *
	 * @param counter the counter's name
	 * @param by the amount
	 */
	record Increment(@Pattern(regexp = "[a-z0-9-]{1,40}") String counter, @Min(1) @Max(100) int by) {
	}

	/**
	 * The answer of an increment.
	 *
	 * @param counter the counter's name
	 * @param value its value after the increment
	 * @param jobId the queue job of this count
	 * @param pid the function's process
	 * @param contextStarts how often the function's services were created
	 * @param contextStartedAt when they were created, epoch milliseconds
	 */
	record Counted(String counter, long value, String jobId, long pid, int contextStarts, long contextStartedAt) {
	}

	@PuristaService(name = "Counter", version = "1")
	static class CounterService {

		@Command(description = "Adds to a counter kept in the state store", successEvent = "counted",
				http = @Http(method = "POST", path = "counter"))
		public Counted increment(Increment payload, CommandContext context) {
			if (payload.counter().equals("locked")) {
				throw new HandledException(409, "counter is locked", Map.of("counter", payload.counter()));
			}
			String key = "lambda-counter:" + payload.counter();
			Long current = context.getState(key, Long.class);
			long value = ((current != null) ? current : 0) + payload.by();
			context.states().setState(key, value);
			EnqueueResult job = context.enqueue(QUEUE, Map.of("counter", payload.counter(), "value", value));
			return new Counted(payload.counter(), value, job.jobId(), ProcessHandle.current().pid(), STARTS.get(),
					startedAt);
		}

		@Command(http = @Http(method = "GET", path = "slow"))
		public CompletableFuture<String> slow() {
			return new CompletableFuture<>();
		}

	}

}
