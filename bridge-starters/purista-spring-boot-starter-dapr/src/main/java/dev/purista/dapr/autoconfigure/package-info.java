/**
 * Auto-configuration of the Dapr starter: the state store selected with {@code purista.state-store.type=dapr},
 * the config store selected with {@code purista.config-store.type=dapr} and the secret store selected with
 * {@code purista.secret-store.type=dapr}, on the sidecar {@code purista.dapr.*} describes.
 */
@NullMarked
package dev.purista.dapr.autoconfigure;

import org.jspecify.annotations.NullMarked;
