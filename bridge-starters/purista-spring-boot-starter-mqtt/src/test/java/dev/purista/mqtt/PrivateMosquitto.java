package dev.purista.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.test.util.TestSocketUtils;

import static org.awaitility.Awaitility.await;

/**
 * A private mosquitto (the binary {@code scripts/brokers.sh} runs) on a free loopback port, for what the shared
 * test broker does not offer: {@link #passwordProtected()} accepts only the user {@value #USERNAME} with password
 * {@value #PASSWORD}; {@link #withTls()} speaks MQTT over TLS with a server certificate for {@code 127.0.0.1}
 * signed by a test CA ({@link #caCertificate()}), made with {@code openssl}.
 */
public final class PrivateMosquitto implements AutoCloseable {

	/** The only user of a password-protected broker. */
	public static final String USERNAME = "purista";

	/** Its password. */
	public static final String PASSWORD = "s3cret";

	private final Process process;

	private final int port;

	private final Path directory;

	private PrivateMosquitto(Process process, int port, Path directory) {
		this.process = process;
		this.port = port;
		this.directory = directory;
	}

	/**
	 * Start a broker that refuses anonymous clients and wait until it accepts connections.
	 * @return the running broker
	 */
	public static PrivateMosquitto passwordProtected() {
		Path dir = directory();
		Path passwords = dir.resolve("passwords");
		write(passwords, "");
		run(dir, "mosquitto_passwd", "-b", passwords.toString(), USERNAME, PASSWORD);
		return start(dir, "allow_anonymous false\npassword_file " + passwords + "\n");
	}

	/**
	 * Start a broker with a TLS listener and wait until it accepts connections.
	 * @return the running broker
	 */
	public static PrivateMosquitto withTls() {
		Path dir = directory();
		write(dir.resolve("san.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
		run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
				"-days", "2", "-subj", "/CN=purista-test-ca");
		run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
				"-subj", "/CN=127.0.0.1");
		run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
				"-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.cnf");
		return start(dir, "allow_anonymous true\ncafile " + dir.resolve("ca.pem") + "\ncertfile "
				+ dir.resolve("server.pem") + "\nkeyfile " + dir.resolve("server.key") + "\n");
	}

	private static PrivateMosquitto start(Path dir, String settings) {
		int port = TestSocketUtils.findAvailableTcpPort();
		Path config = dir.resolve("mosquitto.conf");
		// started as root, mosquitto switches to this user, which must read the files
		write(config, "user " + System.getProperty("user.name") + "\nlistener " + port + " 127.0.0.1\n" + settings
				+ "persistence false\n");
		try {
			Process process = new ProcessBuilder("mosquitto", "-c", config.toString()).redirectErrorStream(true)
				.redirectOutput(dir.resolve("mosquitto.log").toFile())
				.start();
			PrivateMosquitto broker = new PrivateMosquitto(process, port, dir);
			await().atMost(Duration.ofSeconds(10)).until(broker::accepts);
			return broker;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The broker's port on 127.0.0.1.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The broker URI for {@code purista.mqtt.server-uri}.
	 * @return {@code tcp://127.0.0.1:<port>}
	 */
	public String uri() {
		return "tcp://127.0.0.1:" + this.port;
	}

	/**
	 * The PEM file of the CA that signed a TLS broker's certificate.
	 * @return the file
	 */
	public Path caCertificate() {
		return this.directory.resolve("ca.pem");
	}

	private boolean accepts() {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Path directory() {
		try {
			return Files.createTempDirectory("purista-mosquitto");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(Path file, String content) {
		try {
			Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void run(Path dir, String... command) {
		try {
			Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
