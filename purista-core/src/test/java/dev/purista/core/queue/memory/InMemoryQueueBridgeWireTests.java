package dev.purista.core.queue.memory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.EnqueueResult;
import dev.purista.core.queue.MutableClock;
import dev.purista.core.queue.QueueHeaders;
import dev.purista.core.queue.QueueLease;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory bridge against TypeScript {@code DefaultQueueBridge}'s vector: what it leases is the JSON a
 * TypeScript worker sees.
 */
class InMemoryQueueBridgeWireTests {

	private final JsonMapper mapper = new MessageCodec().mapper();

	@Test
	void leaseIsTheJsonOfTypeScriptDefaultQueueBridge() throws IOException {
		JsonNode vector = vector();
		JsonNode expected = vector.get("lease");
		long createdAt = expected.get("message").get("createdAt").asLong();
		MutableClock clock = new MutableClock(createdAt);
		InMemoryQueueBridge bridge = new InMemoryQueueBridge(clock);

		EnqueueResult result = bridge.enqueue(EnqueueRequest.of("emails", Map.of("to", "a@b.co"))
			.withParameter(Map.of())
			.withHeaders(Map.of(QueueHeaders.TENANT_ID, "t-1"))
			.withMaxAttempts(3)
			.withIdempotencyKey("k-1"));
		QueueLease lease = bridge.leaseNext("emails", Duration.ZERO);
		assertThat(lease).isNotNull();

		JsonNode actual = wire(lease);
		ObjectNode expectedWithOurIds = (ObjectNode) expected.deepCopy();
		expectedWithOurIds.put("id", result.jobId());
		expectedWithOurIds.put("leaseId", lease.leaseId());
		((ObjectNode) expectedWithOurIds.get("message")).put("id", result.jobId());
		assertThat(actual).isEqualTo(expectedWithOurIds);
		ObjectNode expectedResult = ((ObjectNode) vector.get("enqueueResult")).deepCopy().put("jobId", result.jobId());
		assertThat(wire(result)).isEqualTo(expectedResult);
		bridge.destroy();
	}

	@Test
	void capabilitiesAreTypeScriptsWithIdempotencyAndLeaseInspection() throws IOException {
		ObjectNode expected = ((ObjectNode) vector().get("capabilities")).deepCopy();
		expected.put("idempotencyEnforcement", true);
		expected.put("leaseInspectionSupported", true);
		JsonNode actual = wire(new InMemoryQueueBridge().capabilities());
		assertThat(actual).isEqualTo(expected);
	}

	private JsonNode wire(Object value) {
		return this.mapper.readTree(this.mapper.writeValueAsBytes(value));
	}

	private JsonNode vector() throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/purista-vectors/default-queue-bridge.json")) {
			assertThat(in).isNotNull();
			return this.mapper.readTree(in);
		}
	}

}
