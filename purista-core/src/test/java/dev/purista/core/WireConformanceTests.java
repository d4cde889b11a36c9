package dev.purista.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.purista.core.error.StatusCode;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.naming.SnakeCase;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.QueueMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the Java port against PURISTA's wire vectors: every {@code *.json} file in
 * {@code src/test/resources/purista-vectors/} or in the directory named by the system property
 * {@value #VECTORS_DIR_PROPERTY}. Files are recognised by their shape, so another file in a known format adds
 * cases without a code change.
 */
class WireConformanceTests {

	static final String VECTORS_DIR_PROPERTY = "purista.vectors.dir";

	private final MessageCodec codec = new MessageCodec();

	private final JsonMapper mapper = this.codec.mapper();

	@Test
	void vectorsAreFoundInEveryFormat() {
		List<VectorFile> files = vectorFiles();
		assertThat(files).extracting(VectorFile::kind)
			.contains(Kind.SNAKE_CASE, Kind.STATUS_CODES, Kind.SCENARIOS, Kind.QUEUE_BRIDGE);
	}

	@TestFactory
	Stream<DynamicTest> snakeCase() {
		return cases(Kind.SNAKE_CASE).flatMap((file) -> stream(file.content())
			.map((entry) -> DynamicTest.dynamicTest(file.name() + ": '" + entry.get("input").asString() + "'",
					() -> assertThat(SnakeCase.convert(entry.get("input").asString()))
						.isEqualTo(entry.get("output").asString()))));
	}

	@TestFactory
	Stream<DynamicTest> statusCodes() {
		return cases(Kind.STATUS_CODES).flatMap((file) -> stream(file.content())
			.map((entry) -> DynamicTest.dynamicTest(file.name() + ": " + entry.get("code").asInt(), () -> {
				int code = entry.get("code").asInt();
				assertThat(StatusCode.messageFor(code)).isEqualTo(entry.get("message").asString());
				StatusCode status = StatusCode.fromCode(code);
				if (status != null) {
					assertThat(status.puristaName()).isEqualTo(entry.get("name").asString());
				}
				else {
					assertThat(StatusCode.messageFor(code)).isEqualTo(StatusCode.UNKNOWN_MESSAGE);
				}
			})));
	}

	@TestFactory
	Stream<DynamicTest> messagesRoundTripUnchanged() {
		return cases(Kind.SCENARIOS).flatMap((file) -> stream(file.content()).flatMap((scenario) -> {
			List<DynamicTest> tests = new ArrayList<>();
			List<JsonNode> messages = stream(scenario.get("messages")).toList();
			for (int i = 0; i < messages.size(); i++) {
				JsonNode original = messages.get(i);
				String name = file.name() + ": " + scenario.get("scenario").asString() + " #" + i + " "
						+ original.get("messageType").asString();
				tests.add(DynamicTest.dynamicTest(name, () -> {
					Message decoded = this.codec.decode(this.mapper.writeValueAsBytes(original));
					assertThat(decoded.messageType().wireName()).isEqualTo(original.get("messageType").asString());
					JsonNode written = this.mapper.readTree(this.codec.encode(decoded));
					assertThat(written).isEqualTo(original);
					// the one-pass read equals reading the tree first, whatever the order of the fields
					assertThat(decoded).isEqualTo(this.codec.decode(original));
					assertThat(this.codec.decode(this.mapper.writeValueAsBytes(reversed(original))))
						.isEqualTo(decoded);
				}));
			}
			return tests.stream();
		}));
	}

	@TestFactory
	Stream<DynamicTest> queueMessagesRoundTripUnchanged() {
		return cases(Kind.QUEUE_BRIDGE).flatMap((file) -> Stream.of(
				DynamicTest.dynamicTest(file.name() + ": queue message", () -> {
					JsonNode original = file.content().get("lease").get("message");
					QueueMessage message = this.mapper.treeToValue(original, QueueMessage.class);
					assertThat(this.mapper.readTree(this.mapper.writeValueAsBytes(message))).isEqualTo(original);
				}), DynamicTest.dynamicTest(file.name() + ": lease", () -> {
					JsonNode original = file.content().get("lease");
					QueueLease lease = this.mapper.treeToValue(original, QueueLease.class);
					assertThat(this.mapper.readTree(this.mapper.writeValueAsBytes(lease))).isEqualTo(original);
				})));
	}

	private Stream<VectorFile> cases(Kind kind) {
		return vectorFiles().stream().filter((file) -> file.kind() == kind);
	}

	private List<VectorFile> vectorFiles() {
		Path dir = vectorsDirectory();
		try (Stream<Path> paths = Files.list(dir)) {
			return paths.filter((path) -> path.toString().endsWith(".json"))
				.sorted()
				.map((path) -> new VectorFile(path.getFileName().toString(), this.mapper.readTree(path.toFile())))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path vectorsDirectory() {
		String configured = System.getProperty(VECTORS_DIR_PROPERTY);
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		try {
			return Path.of(WireConformanceTests.class.getResource("/purista-vectors").toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ObjectNode reversed(JsonNode object) {
		List<String> names = new ArrayList<>(object.propertyNames());
		java.util.Collections.reverse(names);
		ObjectNode reversed = this.mapper.createObjectNode();
		names.forEach((name) -> reversed.set(name, object.get(name)));
		return reversed;
	}

	private static Stream<JsonNode> stream(JsonNode array) {
		List<JsonNode> items = new ArrayList<>();
		array.forEach(items::add);
		return items.stream();
	}

	enum Kind {

		SNAKE_CASE, STATUS_CODES, SCENARIOS, QUEUE_BRIDGE, UNKNOWN

	}

	record VectorFile(String name, JsonNode content) {

		Kind kind() {
			if (this.content.isObject() && this.content.has("lease")) {
				return Kind.QUEUE_BRIDGE;
			}
			if (!this.content.isArray() || this.content.isEmpty()) {
				return Kind.UNKNOWN;
			}
			JsonNode first = this.content.get(0);
			if (first.has("input") && first.has("output")) {
				return Kind.SNAKE_CASE;
			}
			if (first.has("code") && first.has("message")) {
				return Kind.STATUS_CODES;
			}
			if (first.has("scenario") && first.has("messages")) {
				return Kind.SCENARIOS;
			}
			return Kind.UNKNOWN;
		}

	}

}
