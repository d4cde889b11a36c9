package dev.purista.nats;

import java.io.IOException;
import java.time.Duration;

import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.message.MessageAddress;

/**
 * Settles messages that a JetStream consumer delivered, with TypeScript PURISTA's outcomes: processed, dropped,
 * or not addressed to the subscription → {@code ack}; retry → {@code nak} with the delay (the result's, else the
 * subscription's retry delay); dead-letter result, or a failure or retry on the last attempt → the message's data
 * published to the dead-letter subject with the headers {@value NatsHeaders#DEAD_LETTER_REASON}, {@value NatsHeaders#DEAD_LETTER_ATTEMPT},
 * {@value NatsHeaders#DEAD_LETTER_ORIGINAL_SUBJECT} and {@value NatsHeaders#DEAD_LETTER_SUBSCRIBER}, then a plain {@code term()} (nats-server 2.9 redelivers a
 * {@code +TERM} that carries a reason); a dead letter that cannot be published → {@code nak} with the retry delay.
 * Commands are acknowledged once handled, failed or not. Calls block while a dead letter is published.
 */
final class NatsJetStreamSettlement {

	private static final Log logger = LogFactory.getLog(NatsJetStreamSettlement.class);

	private final NatsJetStreamConsumers consumers;

	NatsJetStreamSettlement(NatsJetStreamConsumers consumers) {
		this.consumers = consumers;
	}

	/**
	 * Settle a subscription message after its handler ran.
	 * @param message the delivered message
	 * @param subscription the subscription
	 * @param subject the subscribed subject
	 * @param result the handler's result, or {@code null} when it failed
	 * @param failure the handler's failure, or {@code null}
	 */
	void settle(Message message, SubscriptionRegistration subscription, String subject,
			@Nullable SubscriptionResult result, @Nullable Throwable failure) {
		long attempt = deliveredCount(message);
		if (failure != null || result == null) {
			String reason = (failure != null) ? String.valueOf(failure.getMessage())
					: "the handler completed without a result";
			retryOrDeadLetter(message, subscription, subject, attempt, reason, null);
			return;
		}
		switch (result.status()) {
			case ACK, DROP -> message.ack();
			case RETRY -> retryOrDeadLetter(message, subscription, subject, attempt,
					(result.reason() != null) ? result.reason() : "retry requested", result.delay());
			case DEAD_LETTER -> deadLetter(message, subscription, subject, attempt,
					(result.reason() != null) ? result.reason() : "subscription requested dead-letter");
		}
	}

	/**
	 * Dead-letter a message that is no PURISTA message (or not one for this consumer), so that it is neither lost
	 * nor delivered again.
	 * @param message the delivered message
	 * @param subscription the subscription, or {@code null} for a command
	 * @param subscriber the command's or subscription's address
	 * @param subject the subscribed subject
	 * @param reason why
	 */
	void reject(Message message, @Nullable SubscriptionRegistration subscription, MessageAddress subscriber,
			String subject, String reason) {
		String target = (subscription != null && subscription.deadLetterTarget() != null)
				? subscription.deadLetterTarget() : NatsJetStreamNames.deadLetterSubject(subject);
		if (!publishDeadLetter(message, target, subscriber, subject, deliveredCount(message), reason)) {
			Duration delay = (subscription != null) ? subscription.retryDelay()
					: SubscriptionRegistration.DEFAULT_RETRY_DELAY;
			nak(message, delay);
			return;
		}
		message.term();
	}

	private void retryOrDeadLetter(Message message, SubscriptionRegistration subscription, String subject,
			long attempt, String reason, @Nullable Duration delay) {
		if (attempt >= subscription.maxAttempts()) {
			deadLetter(message, subscription, subject, attempt, reason);
			return;
		}
		nak(message, (delay != null) ? delay : subscription.retryDelay());
	}

	private void deadLetter(Message message, SubscriptionRegistration subscription, String subject, long attempt,
			String reason) {
		String target = (subscription.deadLetterTarget() != null) ? subscription.deadLetterTarget()
				: NatsJetStreamNames.deadLetterSubject(subject);
		if (!publishDeadLetter(message, target, subscription.address(), subject, attempt, reason)) {
			nak(message, subscription.retryDelay());
			return;
		}
		// plain term: nats-server 2.9 does not understand "+TERM <reason>" and would deliver the message again
		message.term();
	}

	private boolean publishDeadLetter(Message message, String target, MessageAddress subscriber, String subject,
			long attempt, String reason) {
		Headers headers = new Headers();
		headers.put(NatsHeaders.DEAD_LETTER_REASON, reason);
		headers.put(NatsHeaders.DEAD_LETTER_ATTEMPT, String.valueOf(attempt));
		headers.put(NatsHeaders.DEAD_LETTER_ORIGINAL_SUBJECT, subject);
		headers.put(NatsHeaders.DEAD_LETTER_SUBSCRIBER,
				subscriber.serviceName() + "/" + subscriber.serviceVersion() + "/" + subscriber.serviceTarget());
		try {
			this.consumers.ensureDeadLetterStream(target);
			this.consumers.jetStream()
				.publish(NatsMessage.builder().subject(target).headers(headers).data(message.getData()).build());
			logger.warn("Dead-lettered a message of " + subject + " to " + target + " after " + attempt
					+ " deliveries: " + reason);
			return true;
		}
		catch (IOException | JetStreamApiException | RuntimeException ex) {
			logger.error("Could not dead-letter a message of " + subject + " to " + target + " (" + reason
					+ "); it is delivered again: " + ex.getMessage(), ex);
			return false;
		}
	}

	private static void nak(Message message, Duration delay) {
		if (delay.isZero() || delay.isNegative()) {
			message.nak();
		}
		else {
			message.nakWithDelay(delay);
		}
	}

	private static long deliveredCount(Message message) {
		return message.isJetStream() ? message.metaData().deliveredCount() : 1;
	}

}
