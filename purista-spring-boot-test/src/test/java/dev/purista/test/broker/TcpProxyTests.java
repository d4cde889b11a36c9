package dev.purista.test.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TcpProxy} in front of a local echo server.
 */
class TcpProxyTests {

	private ServerSocket echoServer;

	private TcpProxy proxy;

	private final StringBuffer received = new StringBuffer();

	@BeforeEach
	void startEchoServerAndProxy() throws IOException {
		this.echoServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::echoConnections, "echo-server");
		acceptor.setDaemon(true);
		acceptor.start();
		this.proxy = new TcpProxy("127.0.0.1", this.echoServer.getLocalPort()).start();
	}

	@AfterEach
	void stop() throws IOException {
		this.proxy.close();
		this.echoServer.close();
	}

	@Test
	void relaysBytesBothWays() throws IOException {
		try (Socket client = connect()) {
			assertThat(echo(client, "hello")).isEqualTo("hello");
			assertThat(echo(client, "again")).isEqualTo("again");
		}
	}

	@Test
	void cutClosesConnectionsAndRefusesNewOnesUntilRestored() throws IOException {
		try (Socket client = connect()) {
			assertThat(echo(client, "before")).isEqualTo("before");
			this.proxy.cutConnections();
			assertThat(this.proxy.isListening()).isFalse();
			assertThat(readOrEnd(client)).isEqualTo(-1);
		}
		assertThat(refusesConnections()).isTrue();
		this.proxy.restore();
		try (Socket client = connect()) {
			assertThat(echo(client, "after")).isEqualTo("after");
		}
	}

	@Test
	void blackHoleKeepsConnectionsOpenButCarriesNothingUntilRestored() throws IOException {
		try (Socket existing = connect()) {
			assertThat(echo(existing, "before")).isEqualTo("before");
			this.proxy.blackHole();
			assertThat(this.proxy.isListening()).isTrue();
			send(existing, "lost");
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> existing.getInputStream().read());
			try (Socket accepted = connect()) {
				send(accepted, "lost too");
				assertThatExceptionOfType(SocketTimeoutException.class)
					.isThrownBy(() -> accepted.getInputStream().read());
				this.proxy.restore();
				assertThat(readOrEnd(accepted)).isEqualTo(-1);
			}
			assertThat(readOrEnd(existing)).isEqualTo(-1);
		}
		try (Socket client = connect()) {
			assertThat(echo(client, "after")).isEqualTo("after");
		}
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket("127.0.0.1", this.proxy.port());
		socket.setSoTimeout(500);
		return socket;
	}

	/**
	 * Whether nothing listens on the proxy's port. A connection may still succeed: on Linux a socket connecting to
	 * a free port of the ephemeral range can be given that very port and connect to itself.
	 */
	private boolean refusesConnections() {
		try (Socket socket = connect()) {
			return socket.getLocalPort() == socket.getPort();
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static void send(Socket socket, String text) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static String echo(Socket socket, String text) throws IOException {
		send(socket, text);
		byte[] expected = new byte[text.length()];
		InputStream in = socket.getInputStream();
		int read = 0;
		while (read < expected.length) {
			int count = in.read(expected, read, expected.length - read);
			if (count == -1) {
				break;
			}
			read += count;
		}
		return new String(expected, 0, read, StandardCharsets.UTF_8);
	}

	/**
	 * Read one byte, or -1 when the connection was closed (or reset) by the proxy.
	 */
	private static int readOrEnd(Socket socket) throws IOException {
		socket.setSoTimeout(5000);
		try {
			return socket.getInputStream().read();
		}
		catch (SocketTimeoutException ex) {
			throw ex;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	@Test
	void droppedRepliesLetRequestsReachTheTargetButNoAnswerBackUntilRestored() throws IOException {
		try (Socket existing = connect()) {
			assertThat(echo(existing, "before")).isEqualTo("before");
			this.proxy.dropReplies();
			send(existing, "done");
			await().atMost(Duration.ofSeconds(5)).until(() -> this.received.toString().endsWith("done"));
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> existing.getInputStream().read());
			this.proxy.restore();
			assertThat(readOrEnd(existing)).as("closed: its answer was lost").isEqualTo(-1);
		}
		try (Socket client = connect()) {
			assertThat(echo(client, "after")).isEqualTo("after");
		}
	}

	private void echoConnections() {
		while (!this.echoServer.isClosed()) {
			try {
				Socket connection = this.echoServer.accept();
				Thread echo = new Thread(() -> echo(connection, this.received), "echo");
				echo.setDaemon(true);
				echo.start();
			}
			catch (IOException ex) {
				// closed after the test
			}
		}
	}

	private static void echo(Socket connection, StringBuffer received) {
		byte[] buffer = new byte[1024];
		try (connection; InputStream in = connection.getInputStream();
				OutputStream out = connection.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) != -1) {
				received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// the proxy closed the connection
		}
	}

}
