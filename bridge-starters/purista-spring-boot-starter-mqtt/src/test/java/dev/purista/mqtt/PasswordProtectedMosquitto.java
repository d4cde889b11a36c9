package dev.purista.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.test.util.TestSocketUtils;

import static org.awaitility.Awaitility.await;

/**
 * A private mosquitto (the binary {@code scripts/brokers.sh} runs) on a free loopback port that accepts only the
 * user {@value #USERNAME} with password {@value #PASSWORD}: the shared test broker allows anonymous clients, so
 * credentials need their own broker.
 */
public final class PasswordProtectedMosquitto implements AutoCloseable {

	/** The only user. */
	public static final String USERNAME = "purista";

	/** Its password. */
	public static final String PASSWORD = "s3cret";

	private final Process process;

	private final int port;

	private PasswordProtectedMosquitto(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Start the broker and wait until it accepts connections.
	 * @return the running broker
	 */
	public static PasswordProtectedMosquitto start() {
		try {
			Path dir = Files.createTempDirectory("purista-mosquitto");
			Path passwords = dir.resolve("passwords");
			Files.writeString(passwords, "");
			Process passwd = new ProcessBuilder("mosquitto_passwd", "-b", passwords.toString(), USERNAME, PASSWORD)
				.redirectErrorStream(true)
				.start();
			if (!passwd.waitFor(10, TimeUnit.SECONDS) || passwd.exitValue() != 0) {
				throw new IllegalStateException("mosquitto_passwd failed: " + new String(passwd.getInputStream().readAllBytes()));
			}
			int port = TestSocketUtils.findAvailableTcpPort();
			Path config = dir.resolve("mosquitto.conf");
			// started as root, mosquitto switches to this user, which must read the password file
			Files.writeString(config, "user " + System.getProperty("user.name") + "\nlistener " + port + " 127.0.0.1\nallow_anonymous false\npassword_file "
					+ passwords + "\npersistence false\n");
			Process process = new ProcessBuilder("mosquitto", "-c", config.toString())
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("mosquitto.log").toFile())
				.start();
			PasswordProtectedMosquitto broker = new PasswordProtectedMosquitto(process, port);
			await().atMost(Duration.ofSeconds(10)).until(broker::accepts);
			return broker;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
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
	 * The broker URI with the given credentials, for {@code purista.mqtt.server-uri}.
	 * @return {@code tcp://127.0.0.1:<port>}
	 */
	public String uri() {
		return "tcp://127.0.0.1:" + this.port;
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

}
