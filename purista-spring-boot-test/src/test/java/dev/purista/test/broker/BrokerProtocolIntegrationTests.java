package dev.purista.test.broker;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that the addresses {@link BrokerResolution} returns reach a broker speaking the expected
 * protocol: a TCP connection and the protocol's first exchange, without a client library. Skipped
 * without brokers, failed without them when {@code PURISTA_REQUIRE_BROKERS=true}.
 */
class BrokerProtocolIntegrationTests {

	private static final int TIMEOUT_MILLIS = (int) Duration.ofSeconds(10).toMillis();

	@Test
	void redisAnswersPing() throws IOException {
		try (Socket socket = connect(BrokerResolution.require(Broker.REDIS))) {
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(readLine(socket.getInputStream())).isEqualTo("+PONG");
		}
	}

	@Test
	void rabbitMqAnswersProtocolHeaderWithConnectionStart() throws IOException {
		try (Socket socket = connect(BrokerResolution.require(Broker.RABBITMQ))) {
			socket.getOutputStream().write(new byte[] { 'A', 'M', 'Q', 'P', 0, 0, 9, 1 });
			DataInputStream in = new DataInputStream(socket.getInputStream());
			assertThat(in.readUnsignedByte()).as("frame type (1 = method)").isEqualTo(1);
			assertThat(in.readUnsignedShort()).as("channel").isZero();
			assertThat(in.readInt()).as("payload size").isPositive();
			assertThat(in.readUnsignedShort()).as("class (10 = connection)").isEqualTo(10);
			assertThat(in.readUnsignedShort()).as("method (10 = start)").isEqualTo(10);
			assertThat(in.readUnsignedByte()).as("version major").isZero();
			assertThat(in.readUnsignedByte()).as("version minor").isEqualTo(9);
		}
	}

	@Test
	void natsSendsInfoWithJetStreamOnConnect() throws IOException {
		try (Socket socket = connect(BrokerResolution.require(Broker.NATS))) {
			String info = readLine(socket.getInputStream());
			assertThat(info).startsWith("INFO {").contains("\"jetstream\":true");
		}
	}

	@Test
	void mqttBrokerAcceptsMqtt5Connect() throws IOException {
		try (Socket socket = connect(BrokerResolution.require(Broker.MQTT))) {
			byte[] clientId = "purista-smoke".getBytes(StandardCharsets.UTF_8);
			ByteArrayOutputStream variable = new ByteArrayOutputStream();
			variable.writeBytes(new byte[] { 0, 4, 'M', 'Q', 'T', 'T', 5, 0x02, 0, 10, 0 });
			variable.write(0);
			variable.write(clientId.length);
			variable.writeBytes(clientId);
			OutputStream out = socket.getOutputStream();
			out.write(0x10);
			out.write(variable.size());
			variable.writeTo(out);
			DataInputStream in = new DataInputStream(socket.getInputStream());
			assertThat(in.readUnsignedByte()).as("packet type (0x20 = CONNACK)").isEqualTo(0x20);
			assertThat(in.readUnsignedByte()).as("remaining length").isGreaterThanOrEqualTo(3);
			assertThat(in.readUnsignedByte()).as("acknowledge flags").isZero();
			assertThat(in.readUnsignedByte()).as("reason code (0 = success)").isZero();
			out.write(new byte[] { (byte) 0xE0, 0 });
		}
	}

	private static Socket connect(BrokerAddress address) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress(address.host(), address.port()), TIMEOUT_MILLIS);
		socket.setSoTimeout(TIMEOUT_MILLIS);
		return socket;
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int previous = -1;
		for (int next = in.read(); next != -1; next = in.read()) {
			if (previous == '\r' && next == '\n') {
				byte[] bytes = line.toByteArray();
				return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
			}
			line.write(next);
			previous = next;
		}
		throw new IOException("connection closed before a line ended: " + line);
	}

}
