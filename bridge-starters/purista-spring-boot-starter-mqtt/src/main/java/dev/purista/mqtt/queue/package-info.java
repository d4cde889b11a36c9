/**
 * The MQTT-native queue bridge ({@link dev.purista.mqtt.queue.MqttQueueBridge}): jobs delivered through MQTT 5
 * shared subscriptions on persistent sessions, with a ledger of retained messages for what MQTT does not offer.
 */
@NullMarked
package dev.purista.mqtt.queue;

import org.jspecify.annotations.NullMarked;
