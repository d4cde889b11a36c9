package dev.purista.sample.microservice;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Settings of the microservice sample ({@code sample.*}).
 */
@ConfigurationProperties("sample")
public class SampleMicroserviceProperties {

	/**
	 * Services this process runs, comma-separated: user, email. All of them when not set.
	 */
	private Set<Service> services = EnumSet.allOf(Service.class);

	private final Email email = new Email();

	public Set<Service> getServices() {
		return this.services;
	}

	public void setServices(Set<Service> services) {
		this.services = services;
	}

	public Email getEmail() {
		return this.email;
	}

	/**
	 * Bind the properties from an environment, for conditions evaluated before beans exist.
	 * @param environment the environment
	 * @return the bound properties
	 */
	static SampleMicroserviceProperties bind(Environment environment) {
		return Binder.get(environment).bindOrCreate("sample", SampleMicroserviceProperties.class);
	}

	/**
	 * The sample's services.
	 */
	public enum Service {

		/** The User service: sign-up and lookup. */
		USER,

		/** The Email service: the subscription on userSignedUp and the welcome-email queue worker. */
		EMAIL

	}

	/**
	 * Settings of the Email service.
	 */
	public static class Email {

		/**
		 * How many sends fail before sends succeed, to watch PURISTA's retries.
		 */
		private int failFirstAttempts;

		/**
		 * How long sending one mail takes, as a mail server call would (0 sends at once).
		 */
		private Duration sendTime = Duration.ZERO;

		public int getFailFirstAttempts() {
			return this.failFirstAttempts;
		}

		public void setFailFirstAttempts(int failFirstAttempts) {
			this.failFirstAttempts = failFirstAttempts;
		}

		public Duration getSendTime() {
			return this.sendTime;
		}

		public void setSendTime(Duration sendTime) {
			this.sendTime = sendTime;
		}

	}

}
