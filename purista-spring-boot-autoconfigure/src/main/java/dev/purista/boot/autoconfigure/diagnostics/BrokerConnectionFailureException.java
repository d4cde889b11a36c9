package dev.purista.boot.autoconfigure.diagnostics;

import dev.purista.core.error.PuristaException;

/**
 * A bridge or store could not connect to its broker at start-up: the broker cannot be reached at the address
 * tried, it refused the credentials, or it did not accept another connection setting. Built by a {@link BrokerConnectionFailureDescriber} from the client's
 * exception and explained by {@link BrokerConnectionFailureAnalyzer}.
 */
public class BrokerConnectionFailureException extends PuristaException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	private final String technology;

	private final String address;

	private final String properties;

	private final String example;

	/**
	 * Create the exception.
	 * @param reason why the connection failed
	 * @param technology the broker's name, for example {@code RabbitMQ}
	 * @param address the address tried, for example {@code localhost:5672}
	 * @param properties the properties to change, for example {@code spring.rabbitmq.host and
	 * spring.rabbitmq.port}
	 * @param example an example of these properties, for example {@code spring.rabbitmq.host=rabbitmq.internal}
	 * @param cause the client's exception
	 */
	public BrokerConnectionFailureException(Reason reason, String technology, String address, String properties,
			String example, Throwable cause) {
		super(technology + " at " + address + " " + reason.description + ": " + cause.getMessage(), cause);
		this.reason = reason;
		this.technology = technology;
		this.address = address;
		this.properties = properties;
		this.example = example;
	}

	/**
	 * Why the connection failed.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * The broker's name, for example {@code RabbitMQ}.
	 * @return the technology
	 */
	public String getTechnology() {
		return this.technology;
	}

	/**
	 * The address tried, for example {@code localhost:5672}.
	 * @return the address
	 */
	public String getAddress() {
		return this.address;
	}

	/**
	 * The properties to change.
	 * @return the properties, as a phrase
	 */
	public String getProperties() {
		return this.properties;
	}

	/**
	 * An example of the properties to change.
	 * @return the example
	 */
	public String getExample() {
		return this.example;
	}

	/**
	 * Why a broker connection failed.
	 */
	public enum Reason {

		/** Nothing answered at the address, in time, or the host name is unknown. */
		UNREACHABLE("cannot be reached"),

		/** The broker answered and refused the user name or password. */
		AUTHENTICATION("refused the credentials"),

		/**
		 * The broker was reached but did not accept another connection setting: a virtual host or database that
		 * does not exist or that the user may not use, or TLS where the broker does not speak it.
		 */
		SETTINGS("did not accept the connection settings");

		private final String description;

		Reason(String description) {
			this.description = description;
		}

		/**
		 * What happened, as a phrase after the broker and its address.
		 * @return the description
		 */
		public String description() {
			return this.description;
		}

	}

}
