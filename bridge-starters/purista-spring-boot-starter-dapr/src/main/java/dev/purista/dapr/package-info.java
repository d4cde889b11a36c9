/**
 * PURISTA on Dapr: {@link dev.purista.dapr.DaprStateStore} on the Dapr sidecar's HTTP state API,
 * {@link dev.purista.dapr.DaprConfigStore} on its configuration API and {@link dev.purista.dapr.DaprSecretStore}
 * on its secrets API, sending the requests TypeScript PURISTA's {@code @purista/dapr-sdk} sends, through Spring's
 * {@code RestClient}.
 */
@NullMarked
package dev.purista.dapr;

import org.jspecify.annotations.NullMarked;
