package dev.purista.sample.email;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;

import dev.purista.core.annotation.Command;
import dev.purista.core.annotation.Http;
import dev.purista.core.annotation.Parameter;
import dev.purista.core.annotation.PuristaService;
import dev.purista.core.annotation.QueueWorker;
import dev.purista.core.annotation.Subscription;
import dev.purista.core.error.HandledException;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.service.CommandContext;
import dev.purista.core.service.QueueWorkerContext;
import dev.purista.core.service.SubscriptionContext;

/**
 * Sends a welcome mail to every user who signs up: a subscription on {@code userSignedUp} enqueues a job on
 * queue {@value #QUEUE} (idempotent per user, so a redelivered event does not send twice); its worker sends
 * the mail through a {@link MailSender} and records the outcome in the state store, where {@code getOutbox}
 * reads it. A failing send is retried with PURISTA's backoff. The worker declares strict idempotency: the
 * service relies on the queue bridge deduplicating jobs by idempotency key, so start-up fails on one that
 * does not.
 */
@PuristaService(name = "Email", version = "1", description = "sends welcome mails")
public class EmailService {

	/** The queue of welcome mails. */
	public static final String QUEUE = "welcome-email";

	private final MailSender mailSender;

	/**
	 * Create the service.
	 * @param mailSender what sends the mails
	 */
	public EmailService(MailSender mailSender) {
		this.mailSender = mailSender;
	}

	/**
	 * Queue a welcome mail for a new user.
	 * @param user the signed-up user (the result of {@code User.signUp})
	 * @param context the subscription context
	 */
	@Subscription(event = "userSignedUp", description = "queues a welcome mail per new user")
	public void queueWelcomeMail(NewUser user, SubscriptionContext context) {
		context.enqueue(EnqueueRequest.of(QUEUE, new WelcomeMail(user.userId(), user.email(), user.name()))
			.withIdempotencyKey("welcome:" + user.userId()));
	}

	/**
	 * Send a welcome mail.
	 * @param mail the mail
	 * @param context the worker context
	 * @throws Exception when sending failed (the job is retried)
	 */
	@QueueWorker(queue = QUEUE, maxParallelHandlers = 2, maxAttempts = 5, strictIdempotency = true)
	public void sendWelcomeMail(WelcomeMail mail, QueueWorkerContext context) throws Exception {
		int attempts = context.job().attempt();
		try {
			this.mailSender.send(mail.to(), "Welcome, " + mail.name() + "!");
		}
		catch (Exception ex) {
			context.states().setState(outboxKey(mail.userId()), new Outbox(mail.userId(), "retrying", attempts));
			throw ex;
		}
		context.states().setState(outboxKey(mail.userId()), new Outbox(mail.userId(), "sent", attempts));
	}

	/**
	 * Read the welcome mail status of a user.
	 * @param payload ignored (GET has no body)
	 * @param parameter the user id from the path
	 * @param context the command context
	 * @return the outbox entry
	 */
	@Command(description = "reads the welcome mail status of a user",
			http = @Http(method = "GET", path = "email/outbox/:userId", tags = "email", additionalStatusCodes = 404))
	public Outbox getOutbox(Object payload, @Parameter UserRef parameter, CommandContext context) {
		Outbox outbox = context.getState(outboxKey(parameter.userId()), Outbox.class);
		if (outbox == null) {
			throw new HandledException(404, "no welcome mail for this user yet", Map.of("userId", parameter.userId()));
		}
		return outbox;
	}

	private static String outboxKey(String userId) {
		return "outbox:" + userId;
	}

	/**
	 * The part of {@code userSignedUp} this service reads.
	 *
	 * @param userId the user id
	 * @param email the email address
	 * @param name the display name
	 */
	public record NewUser(@NotBlank String userId, @NotBlank String email, @NotBlank String name) {
	}

	/**
	 * A queued welcome mail.
	 *
	 * @param userId the user id
	 * @param to the address
	 * @param name the display name
	 */
	public record WelcomeMail(@NotBlank String userId, @NotBlank String to, @NotBlank String name) {
	}

	/**
	 * The welcome mail status of a user.
	 *
	 * @param userId the user id
	 * @param status {@code sent} or {@code retrying}
	 * @param attempts how many attempts were made
	 */
	public record Outbox(String userId, String status, int attempts) {
	}

	/**
	 * The parameter of {@code getOutbox}.
	 *
	 * @param userId the user id
	 */
	public record UserRef(@NotBlank String userId) {
	}

}
