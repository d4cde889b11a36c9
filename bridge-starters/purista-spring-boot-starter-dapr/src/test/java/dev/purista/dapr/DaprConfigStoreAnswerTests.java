package dev.purista.dapr;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.StoreOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link DaprConfigStore} reading both shapes of Dapr's configuration answer: the list of items TypeScript
 * PURISTA parses and older sidecars answer, and answers that are not JSON. A fixed-answer HTTP server stands in
 * for the sidecar.
 */
class DaprConfigStoreAnswerTests {

	private final AtomicReference<String> answer = new AtomicReference<>("");

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> {
			byte[] body = this.answer.get().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	private DaprConfigStore store() {
		URI endpoint = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		return new DaprConfigStore(DaprHttpClients.create(endpoint, null, Duration.ofSeconds(2), Duration.ofSeconds(5)),
				"configStore", new MessageCodec(), StoreOptions.configDefaults());
	}

	@Test
	void aListOfItemsAsTypeScriptParsesItGivesTheItemOfTheName() {
		this.answer.set("[{\"key\":\"other\",\"value\":\"no\"},"
				+ "{\"key\":\"feature\",\"value\":\"on\",\"version\":\"1\"}]");

		assertThat(store().getConfig("feature").get("feature")).hasToString("\"on\"");
	}

	@Test
	void aListWithoutTheNameReadsAsNull() {
		this.answer.set("[{\"key\":\"other\",\"value\":\"no\"}]");

		assertThat(store().getConfig("feature")).containsEntry("feature", null);
	}

	@Test
	void anEmptyAnswerReadsAsNull() {
		this.answer.set("{}");

		assertThat(store().getConfig("feature")).containsEntry("feature", null);
	}

	@Test
	void anAnswerThatIsNotJsonIsAnError() {
		this.answer.set("<html>");

		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> store().getConfig("feature"))
			.withMessage("DaprConfigStore could not read configuration 'feature' in Dapr configuration store "
					+ "'configStore': Dapr's answer is not JSON")
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(500));
	}

}
