package dev.purista.dapr;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.core.error.StoreUnavailableException;
import dev.purista.core.error.UnhandledException;

/**
 * How PURISTA's Dapr stores report a failed request to the sidecar: not reachable, timing out or answering 502,
 * 503 or 504 is an outage ({@link StoreUnavailableException}, 503); any other answer an
 * {@link UnhandledException} (500) naming the status and Dapr's {@code errorCode}. Also the sidecar's health
 * check. Immutable.
 */
final class DaprFailures {

	private static final Log logger = LogFactory.getLog(DaprFailures.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String storeName;

	private final String target;

	/**
	 * @param storeName the PURISTA store's name, e.g. {@code DaprStateStore}
	 * @param target what is read from, e.g. {@code Dapr state store 'statestore'}
	 */
	DaprFailures(String storeName, String target) {
		this.storeName = storeName;
		this.target = target;
	}

	/**
	 * The start of a failure's message, e.g. {@code DaprStateStore could not read key 'a' in Dapr state store
	 * 'statestore': }.
	 */
	String message(String operation) {
		return this.storeName + " could not " + operation + " in " + this.target + ": ";
	}

	RuntimeException failure(String operation, RestClientException ex) {
		String message = message(operation);
		if (ex instanceof RestClientResponseException response) {
			int status = response.getStatusCode().value();
			String answer = "Dapr answered " + status + errorCode(response);
			if (status == 502 || status == 503 || status == 504) {
				return new StoreUnavailableException(message + answer, ex);
			}
			return new UnhandledException(message + answer, ex);
		}
		if (ex instanceof ResourceAccessException) {
			return new StoreUnavailableException(message + "Dapr sidecar not reached (" + describeCause(ex) + ")",
					ex);
		}
		return new UnhandledException(message + ex.getMessage(), ex);
	}

	/**
	 * Whether the sidecar's {@code GET /v1.0/healthz} answers 2xx now. Never throws.
	 */
	static boolean sidecarHealthy(RestClient client) {
		try {
			HttpStatusCode status = client.get().uri("/v1.0/healthz").retrieve().toBodilessEntity().getStatusCode();
			return status.is2xxSuccessful();
		}
		catch (RestClientException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Dapr sidecar not healthy: " + ex);
			}
			return false;
		}
	}

	private static String errorCode(RestClientResponseException response) {
		try {
			JsonNode body = json.readTree(response.getResponseBodyAsString());
			JsonNode code = (body != null) ? body.get("errorCode") : null;
			return (code != null && code.isString()) ? " " + code.asString() : "";
		}
		catch (JacksonException ex) {
			return "";
		}
	}

	private static String describeCause(Throwable ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		return cause.getClass().getSimpleName();
	}

}
