/**
 * The MQTT connection health indicator and its auto-configuration (Spring Boot health API).
 */
@NullMarked
package dev.purista.mqtt.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
