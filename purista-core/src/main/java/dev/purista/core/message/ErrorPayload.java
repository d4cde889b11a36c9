package dev.purista.core.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The payload of a {@link CommandErrorResponse}, and the body PURISTA's HTTP layer returns for errors.
 *
 * @param status the status code (HTTP semantics)
 * @param message the error message
 * @param data details for the caller (handled errors only)
 * @param traceId the business trace id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorPayload(int status, String message, @JsonDeserialize(as = JsonNode.class) @Nullable Object data,
		@Nullable String traceId) {

	public ErrorPayload {
		MessageFields.require(message, "payload.message");
	}

}
