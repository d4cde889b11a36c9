package dev.purista.core.service;

import org.jspecify.annotations.Nullable;

/**
 * The ids that travel with work: PURISTA's business trace id, the principal and the tenant.
 *
 * @param traceId the business trace id
 * @param principalId the principal
 * @param tenantId the tenant
 */
public record Identity(@Nullable String traceId, @Nullable String principalId, @Nullable String tenantId) {

	/** No ids. */
	public static final Identity NONE = new Identity(null, null, null);

}
