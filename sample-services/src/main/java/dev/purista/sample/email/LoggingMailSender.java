package dev.purista.sample.email;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * "Sends" mails by logging them, and can fail the first attempts to show PURISTA's retries.
 */
public class LoggingMailSender implements MailSender {

	private static final Log logger = LogFactory.getLog(LoggingMailSender.class);

	private final AtomicInteger failuresLeft;

	/**
	 * Create a sender.
	 * @param failFirstAttempts how many sends fail before sends succeed (0 for none)
	 */
	public LoggingMailSender(int failFirstAttempts) {
		this.failuresLeft = new AtomicInteger(failFirstAttempts);
	}

	@Override
	public void send(String to, String subject) throws Exception {
		if (this.failuresLeft.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
			throw new IllegalStateException("simulated mail server outage");
		}
		logger.info("Sent mail '" + subject + "'");
	}

}
