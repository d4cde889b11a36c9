/**
 * PURISTA on an MQTT 5 broker: the {@link dev.purista.mqtt.MqttEventBridge}, wire-compatible with TypeScript
 * PURISTA's {@code MqttBridge} (13-level topics, {@code $share} groups, user properties, correlation data).
 */
@NullMarked
package dev.purista.mqtt;

import org.jspecify.annotations.NullMarked;
