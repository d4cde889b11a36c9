package dev.purista.sample.user;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.purista.core.annotation.Command;
import dev.purista.core.annotation.Http;
import dev.purista.core.annotation.Parameter;
import dev.purista.core.annotation.PuristaService;
import dev.purista.core.error.HandledException;
import dev.purista.core.service.CommandContext;

/**
 * Signs users up and looks them up. Users live in the state store under {@code user:<id>}; the email index
 * under {@code user-email:<email>} makes a second sign-up with the same address a 409.
 */
@PuristaService(name = "User", version = "1", description = "signs users up and looks them up")
public class UserService {

	/** The success event of {@code signUp}. */
	public static final String USER_SIGNED_UP = "userSignedUp";

	/**
	 * Sign a user up.
	 * @param payload the email and name
	 * @param context the command context
	 * @return the new user
	 */
	@Command(description = "registers a user", successEvent = USER_SIGNED_UP,
			http = @Http(method = "POST", path = "user", additionalStatusCodes = 409, tags = "user"))
	public synchronized User signUp(SignUp payload, CommandContext context) {
		String email = payload.email().trim().toLowerCase(java.util.Locale.ROOT);
		String emailKey = "user-email:" + email;
		if (context.states().getState(emailKey).get(emailKey) != null) {
			throw new HandledException(409, "email already registered", Map.of("email", email));
		}
		User user = new User(UUID.randomUUID().toString(), email, payload.name().trim());
		context.states().setState("user:" + user.userId(), user);
		context.states().setState(emailKey, user.userId());
		context.logger().info("Signed up user " + user.userId());
		return user;
	}

	/**
	 * Look a user up.
	 * @param payload ignored (GET has no body)
	 * @param parameter the user id from the path
	 * @param context the command context
	 * @return the user
	 */
	@Command(description = "reads a user", http = @Http(method = "GET", path = "user/:userId", tags = "user",
			additionalStatusCodes = 404))
	public User getUser(Object payload, @Parameter UserId parameter, CommandContext context) {
		User user = context.getState("user:" + parameter.userId(), User.class);
		if (user == null) {
			throw new HandledException(404, "user not found", Map.of("userId", parameter.userId()));
		}
		return user;
	}

	/**
	 * The sign-up payload.
	 *
	 * @param email the email address
	 * @param name the display name
	 */
	public record SignUp(@NotBlank @Email String email, @NotBlank @Size(max = 200) String name) {
	}

	/**
	 * A user.
	 *
	 * @param userId the id
	 * @param email the email address
	 * @param name the display name
	 */
	public record User(@NotBlank String userId, @NotBlank String email, @NotBlank String name) {
	}

	/**
	 * The parameter of {@code getUser}.
	 *
	 * @param userId the user id
	 */
	public record UserId(@NotBlank String userId) {
	}

}
