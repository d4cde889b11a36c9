package dev.purista.mqtt.autoconfigure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import com.hivemq.client.mqtt.exceptions.ConnectionClosedException;
import com.hivemq.client.mqtt.exceptions.ConnectionFailedException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import org.jspecify.annotations.Nullable;

import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureDescriber;
import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureException;
import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureException.Reason;
import dev.purista.mqtt.MqttConnectionException;

/**
 * Recognises the MQTT connection failures of a starting {@link dev.purista.mqtt.MqttEventBridge}
 * ({@link MqttConnectionException}): the broker refused the credentials (CONNACK {@code Bad user name or password}
 * or {@code Not authorized}), the TLS handshake failed ({@link SSLException}, or with TLS on, no answer or a closed
 * connection or a reset: what a plain broker does with a TLS handshake), or the broker could not be reached
 * (the HiveMQ client's {@link ConnectionFailedException}, an I/O error, or no CONNACK within the operation timeout).
 */
final class MqttConnectionFailureDescriber implements BrokerConnectionFailureDescriber {

	static final String TECHNOLOGY = "MQTT";

	private final String address;

	private final boolean tls;

	/**
	 * Create the describer.
	 * @param address the broker the bridge connects to, as {@code host:port}
	 * @param tls whether the bridge connects with TLS: a plain broker then answers the handshake with silence or a
	 * closed connection, not with an {@link SSLException}
	 */
	MqttConnectionFailureDescriber(String address, boolean tls) {
		this.address = address;
		this.tls = tls;
	}

	@Override
	public @Nullable BrokerConnectionFailureException describe(Throwable failure) {
		if (BrokerConnectionFailureDescriber.findCause(failure, MqttConnectionException.class) == null) {
			return null;
		}
		Mqtt5ConnAckException connAck = BrokerConnectionFailureDescriber.findCause(failure,
				Mqtt5ConnAckException.class);
		if (connAck != null) {
			Mqtt5ConnAckReasonCode code = connAck.getMqttMessage().getReasonCode();
			if (code == Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD || code == Mqtt5ConnAckReasonCode.NOT_AUTHORIZED
					|| code == Mqtt5ConnAckReasonCode.BAD_AUTHENTICATION_METHOD) {
				return new BrokerConnectionFailureException(Reason.AUTHENTICATION, TECHNOLOGY, this.address,
						"purista.mqtt.username and purista.mqtt.password (or the user info of purista.mqtt.server-uri)",
						"purista.mqtt.username=purista and purista.mqtt.password=<secret>", failure);
			}
			return new BrokerConnectionFailureException(Reason.SETTINGS, TECHNOLOGY, this.address,
					"purista.mqtt.* (the broker answered CONNACK " + code
							+ "; e.g. a client identifier it refuses: purista.event-bridge.instance-id)",
					"purista.event-bridge.instance-id=sensor-1", failure);
		}
		boolean noBroker = BrokerConnectionFailureDescriber.findCause(failure, ConnectException.class) != null
				|| BrokerConnectionFailureDescriber.findCause(failure, UnknownHostException.class) != null
				|| BrokerConnectionFailureDescriber.findCause(failure, NoRouteToHostException.class) != null;
		boolean droppedHandshake = BrokerConnectionFailureDescriber.findCause(failure, TimeoutException.class) != null
				|| BrokerConnectionFailureDescriber.findCause(failure, ConnectionClosedException.class) != null
				|| BrokerConnectionFailureDescriber.findCause(failure, IOException.class) != null;
		if (BrokerConnectionFailureDescriber.findCause(failure, SSLException.class) != null
				|| (this.tls && !noBroker && droppedHandshake)) {
			return new BrokerConnectionFailureException(Reason.SETTINGS, TECHNOLOGY, this.address,
					"purista.mqtt.ssl.enabled only where the broker speaks TLS, and purista.mqtt.ssl.bundle for the "
							+ "certificates to trust",
					"purista.mqtt.ssl.enabled=false for a plain broker, or purista.mqtt.ssl.bundle=mqtt for a broker "
							+ "with TLS",
					failure);
		}
		if (BrokerConnectionFailureDescriber.findCause(failure, ConnectionFailedException.class) != null
				|| BrokerConnectionFailureDescriber.findCause(failure, IOException.class) != null
				|| BrokerConnectionFailureDescriber.findCause(failure, TimeoutException.class) != null) {
			return new BrokerConnectionFailureException(Reason.UNREACHABLE, TECHNOLOGY, this.address,
					"purista.mqtt.server-uri (how long connecting may take: purista.mqtt.operation-timeout)",
					"purista.mqtt.server-uri=tcp://mosquitto.internal:1883", failure);
		}
		return null;
	}

}
