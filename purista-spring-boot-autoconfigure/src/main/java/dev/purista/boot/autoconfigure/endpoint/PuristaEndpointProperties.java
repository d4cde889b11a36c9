package dev.purista.boot.autoconfigure.endpoint;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the {@link PuristaEndpoint}, next to Boot's own keys of the endpoint
 * ({@code management.endpoint.purista.access}) and shaped like those of Boot's health endpoint
 * ({@code management.endpoint.health.show-details} and {@code roles}).
 */
@ConfigurationProperties("management.endpoint.purista")
public class PuristaEndpointProperties {

	/**
	 * When to show details (services, queues with their depths, bridges, stores, the production checklist).
	 * Without details the endpoint shows only readiness, health and counts, and
	 * /actuator/purista/{service} answers 404.
	 */
	private Show showDetails = Show.WHEN_AUTHORIZED;

	/**
	 * Roles used to determine whether a user is authorized to be shown details. When empty, all
	 * authenticated users are authorized.
	 */
	private final Set<String> roles = new LinkedHashSet<>();

	public Show getShowDetails() {
		return this.showDetails;
	}

	public void setShowDetails(Show showDetails) {
		this.showDetails = showDetails;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

}
