package dev.purista.boot.autoconfigure.web;

import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Resolves the principal and tenant an HTTP request invokes a command for; they reach the handler as
 * {@code context.principalId()} and {@code context.tenantId()} and propagate into everything it invokes. Declare
 * one bean of this type; without one, requests carry neither.
 * <p>
 * The resolver runs on the request thread before the command is sent, so thread-bound security state is
 * available. With Spring Security, for example:
 * <pre class="code">
 * &#64;Bean
 * PuristaPrincipalResolver puristaPrincipalResolver() {
 *     return (request) -&gt; request.principal()
 *         .map((principal) -&gt; new ResolvedPrincipal(principal.getName(), null))
 *         .orElse(ResolvedPrincipal.NONE);
 * }
 * </pre>
 * Throwing a {@link dev.purista.core.error.HandledException} (for example status 401) rejects the request with
 * that status and PURISTA's error body.
 */
@FunctionalInterface
public interface PuristaPrincipalResolver {

	/**
	 * Resolve the principal and tenant of a request.
	 * @param request the request
	 * @return the principal and tenant, {@link ResolvedPrincipal#NONE} when there are none
	 */
	ResolvedPrincipal resolve(ServerRequest request);

	/**
	 * The principal and tenant of a request.
	 *
	 * @param principalId the principal id, or {@code null}
	 * @param tenantId the tenant id, or {@code null}
	 */
	record ResolvedPrincipal(@Nullable String principalId, @Nullable String tenantId) {

		/** Neither principal nor tenant. */
		public static final ResolvedPrincipal NONE = new ResolvedPrincipal(null, null);

	}

}
