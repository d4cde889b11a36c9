package dev.purista.core.service;

import java.util.concurrent.CompletableFuture;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import dev.purista.core.annotation.Command;
import dev.purista.core.annotation.Http;
import dev.purista.core.annotation.Parameter;
import dev.purista.core.annotation.PuristaService;
import dev.purista.core.annotation.Subscription;
import dev.purista.core.error.HandledException;

/**
 * The two services of {@code purista-vectors/README.md}, written in Java.
 */
final class ParityServices {

	private ParityServices() {
	}

	record SignUp(@NotBlank @Email String email, @NotBlank String name) {
	}

	record SignedUp(@NotNull String userId, @NotNull String email) {
	}

	record UserId(@NotBlank String id) {
	}

	record NoInput() {
	}

	record WelcomeMail(String to) {
	}

	@PuristaService(name = "User", version = "1")
	static class UserService {

		@Command(description = "registers a user", successEvent = "userSignedUp",
				http = @Http(method = "POST", path = "user"))
		public SignedUp signUp(SignUp payload, CommandContext context) {
			return new SignedUp("u-1", payload.email());
		}

		@Command(description = "reads a user", http = @Http(method = "GET", path = "user/:id"))
		public Object getUser(NoInput payload, @Parameter UserId parameter) {
			throw new HandledException(404, "user not found", java.util.Map.of("id", parameter.id()));
		}

		@Command
		public Object crash(Object payload) {
			throw new IllegalStateException("db down");
		}

		@Command
		public CompletableFuture<Object> slow(Object payload) {
			return CompletableFuture.supplyAsync(() -> java.util.Map.of("late", true),
					CompletableFuture.delayedExecutor(300, java.util.concurrent.TimeUnit.MILLISECONDS));
		}

		@Command
		public void touch(Object payload) {
		}

	}

	@PuristaService(name = "Email", version = "1")
	static class EmailService {

		@Subscription(event = "userSignedUp", outputEvent = "welcomeMailSent")
		public WelcomeMail sendWelcomeMail(SignedUp payload) {
			return new WelcomeMail(payload.email());
		}

	}

}
