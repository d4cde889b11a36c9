/**
 * The service model: definitions built from annotations or with {@link dev.purista.core.service.ServiceBuilder},
 * handler contexts, and the {@link dev.purista.core.service.ServiceRuntime} that runs a definition on an event
 * bridge, a queue bridge and stores.
 */
@NullMarked
package dev.purista.core.service;

import org.jspecify.annotations.NullMarked;
