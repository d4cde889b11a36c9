package dev.purista.sample.email;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * "Sends" mails by logging them, and can fail the first attempts to show PURISTA's retries and take a while per
 * mail as a mail server would (so that a process stopped or killed mid-load holds jobs in flight).
 */
public class LoggingMailSender implements MailSender {

	private static final Log logger = LogFactory.getLog(LoggingMailSender.class);

	private final AtomicInteger failuresLeft;

	private final Duration sendTime;

	/**
	 * Create a sender that sends at once.
	 * @param failFirstAttempts how many sends fail before sends succeed (0 for none)
	 */
	public LoggingMailSender(int failFirstAttempts) {
		this(failFirstAttempts, Duration.ZERO);
	}

	/**
	 * Create a sender.
	 * @param failFirstAttempts how many sends fail before sends succeed (0 for none)
	 * @param sendTime how long each send takes (blocking the worker's thread, as a mail server call would)
	 */
	public LoggingMailSender(int failFirstAttempts, Duration sendTime) {
		this.failuresLeft = new AtomicInteger(failFirstAttempts);
		this.sendTime = sendTime;
	}

	@Override
	public void send(String to, String subject) throws Exception {
		if (this.failuresLeft.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
			throw new IllegalStateException("simulated mail server outage");
		}
		if (!this.sendTime.isZero()) {
			Thread.sleep(this.sendTime.toMillis());
		}
		logger.info("Sent mail '" + subject + "'");
	}

}
