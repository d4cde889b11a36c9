/**
 * Auto-configuration of the MQTT event bridge on a broker configured by {@code purista.mqtt.*}.
 */
@NullMarked
package dev.purista.mqtt.autoconfigure;

import org.jspecify.annotations.NullMarked;
