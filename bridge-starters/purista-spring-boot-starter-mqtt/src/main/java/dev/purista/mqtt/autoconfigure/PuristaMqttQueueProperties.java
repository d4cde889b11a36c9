package dev.purista.mqtt.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.purista.core.queue.QueueLifecycle;
import dev.purista.mqtt.queue.MqttQueueBridgeOptions;
import dev.purista.mqtt.queue.MqttQueueTopics;

/**
 * Settings of PURISTA's MQTT-native queue bridge. The broker, credentials, topic prefix and operation timeout are
 * those of {@code purista.mqtt.*}; the instance id is {@code purista.event-bridge.instance-id} (the queue's MQTT
 * client identifier is {@code <instanceId>-queue}).
 */
@ConfigurationProperties("purista.mqtt.queue")
public class PuristaMqttQueueProperties {

	/**
	 * Share group of the job subscriptions ('$share/<group>/<prefix>/queue/<queue>/jobs').
	 */
	private String shareGroup = MqttQueueTopics.DEFAULT_SHARE_GROUP;

	/**
	 * How long the broker keeps the session of a disconnected instance and keeps handing it jobs (which live
	 * instances then adopt after the assign timeout).
	 */
	private Duration sessionExpiry = MqttQueueBridgeOptions.DEFAULT_SESSION_EXPIRY;

	/**
	 * How long an instance counts as alive after its last heartbeat (heartbeats every third of it); the jobs of an
	 * instance that is no longer alive are adopted by a live one.
	 */
	private Duration memberTimeout = MqttQueueBridgeOptions.DEFAULT_MEMBER_TIMEOUT;

	/**
	 * How long a published job may stay unreceived while other instances consume the queue before a live
	 * instance adopts it.
	 */
	private Duration assignTimeout = MqttQueueBridgeOptions.DEFAULT_ASSIGN_TIMEOUT;

	/**
	 * Attempt limit of jobs enqueued without one.
	 */
	private int defaultMaxAttempts = QueueLifecycle.DEFAULT_MAX_ATTEMPTS;

	/**
	 * Lease time of jobs enqueued without one.
	 */
	private Duration defaultLeaseTtl = MqttQueueBridgeOptions.DEFAULT_LEASE_TTL;

	public String getShareGroup() {
		return this.shareGroup;
	}

	public void setShareGroup(String shareGroup) {
		this.shareGroup = shareGroup;
	}

	public Duration getSessionExpiry() {
		return this.sessionExpiry;
	}

	public void setSessionExpiry(Duration sessionExpiry) {
		this.sessionExpiry = sessionExpiry;
	}

	public Duration getMemberTimeout() {
		return this.memberTimeout;
	}

	public void setMemberTimeout(Duration memberTimeout) {
		this.memberTimeout = memberTimeout;
	}

	public Duration getAssignTimeout() {
		return this.assignTimeout;
	}

	public void setAssignTimeout(Duration assignTimeout) {
		this.assignTimeout = assignTimeout;
	}

	public int getDefaultMaxAttempts() {
		return this.defaultMaxAttempts;
	}

	public void setDefaultMaxAttempts(int defaultMaxAttempts) {
		this.defaultMaxAttempts = defaultMaxAttempts;
	}

	public Duration getDefaultLeaseTtl() {
		return this.defaultLeaseTtl;
	}

	public void setDefaultLeaseTtl(Duration defaultLeaseTtl) {
		this.defaultLeaseTtl = defaultLeaseTtl;
	}

}
