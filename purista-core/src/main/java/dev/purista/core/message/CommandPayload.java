package dev.purista.core.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The payload of a {@link Command}: PURISTA's {@code {payload, parameter}} pair.
 *
 * @param payload the command payload (any JSON value, or a Java object before serialization)
 * @param parameter the command parameters (any JSON value, or a Java object before serialization)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandPayload(@JsonDeserialize(as = JsonNode.class) @Nullable Object payload,
		@JsonDeserialize(as = JsonNode.class) @Nullable Object parameter) {

	/** A payload with neither payload nor parameter. */
	public static final CommandPayload EMPTY = new CommandPayload(null, null);

}
