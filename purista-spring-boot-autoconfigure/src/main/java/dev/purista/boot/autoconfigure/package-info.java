/**
 * Auto-configuration of PURISTA for Spring Boot: properties, profile presets, bridge and store selection,
 * service registration and graceful shutdown.
 */
@NullMarked
package dev.purista.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
