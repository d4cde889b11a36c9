package dev.purista.sample.email;

/**
 * Sends mails. The sample's {@link LoggingMailSender} only logs; a real application plugs in SMTP or an API.
 */
@FunctionalInterface
public interface MailSender {

	/**
	 * Send a mail.
	 * @param to the address
	 * @param subject the subject
	 * @throws Exception when the mail could not be sent
	 */
	void send(String to, String subject) throws Exception;

}
