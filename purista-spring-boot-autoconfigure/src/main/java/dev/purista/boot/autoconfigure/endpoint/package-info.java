/**
 * The {@code purista} actuator endpoint: services, bridges, stores, in-flight work and the production
 * checklist evaluated against the running configuration.
 */
@NullMarked
package dev.purista.boot.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
