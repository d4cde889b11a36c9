package dev.purista.aws.lambda;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.purista.core.annotation.Command;
import dev.purista.core.annotation.Http;
import dev.purista.core.annotation.Parameter;
import dev.purista.core.annotation.PuristaService;
import dev.purista.core.annotation.Subscription;
import dev.purista.core.error.HandledException;
import dev.purista.core.service.CommandContext;
import dev.purista.test.HandlerGate;

/**
 * The application the handler tests start: a {@code User} service with commands with and without HTTP metadata,
 * a validating payload, a handled error, an unhandled one, a command that never finishes and one answering the ids
 * it was invoked with.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class LambdaTestApplication {

	/** How often the application's services were created: once per container. */
	static final AtomicInteger STARTS = new AtomicInteger();

	/** Completed by the tests when they end, so the slow command's thread finishes. */
	static final CompletableFuture<String> NEVER = new CompletableFuture<>();

	/** Holds the welcome subscription when a test says so. */
	static final HandlerGate WELCOME_GATE = new HandlerGate();

	/** The user ids the welcome subscription has finished with. */
	static final List<String> WELCOMED = new CopyOnWriteArrayList<>();

	@Bean
	WelcomeService welcomeService() {
		return new WelcomeService();
	}

	@Bean
	UserService userService() {
		STARTS.incrementAndGet();
		return new UserService();
	}

	@PuristaService(name = "Welcome", version = "1")
	static class WelcomeService {

		@Subscription(event = "userSignedUp")
		public void welcome(UserCreated user) throws InterruptedException {
			WELCOME_GATE.pass();
			WELCOMED.add(user.email());
		}

	}

	record SignUp(@NotBlank @Email String email, @Size(min = 2) String name) {
	}

	record UserCreated(String userId, String email) {
	}

	@PuristaService(name = "User", version = "1")
	static class UserService {

		@Command(description = "Registers a user", successEvent = "userSignedUp",
				http = @Http(method = "POST", path = "user"))
		public UserCreated signUp(SignUp payload) {
			if (payload.email().startsWith("taken@")) {
				throw new HandledException(409, "email already registered", Map.of("email", payload.email()));
			}
			return new UserCreated("42", payload.email());
		}

		@Command(http = @Http(method = "GET", path = "user/:userId"))
		public Map<String, String> getUser(@Parameter Map<String, String> parameter) {
			return parameter;
		}

		@Command
		public String ping() {
			return "pong";
		}

		@Command(http = @Http(method = "DELETE", path = "user/:userId"))
		public void deleteUser(@Parameter Map<String, String> parameter) {
		}

		@Command(http = @Http(method = "GET", path = "nothing"))
		public String nothing() {
			return "";
		}

		@Command(http = @Http(method = "GET", path = "boom"))
		public String boom() {
			throw new IllegalStateException("secret detail");
		}

		@Command(http = @Http(method = "GET", path = "whoami"))
		public Map<String, @Nullable String> whoami(CommandContext context) {
			Map<String, @Nullable String> identity = new HashMap<>();
			identity.put("traceId", context.message().traceId());
			identity.put("principalId", context.message().principalId());
			identity.put("tenantId", context.message().tenantId());
			identity.put("otp", context.message().otp());
			return identity;
		}

		@Command(http = @Http(method = "GET", path = "slow"))
		public CompletableFuture<String> slow() {
			return NEVER;
		}

	}

}
