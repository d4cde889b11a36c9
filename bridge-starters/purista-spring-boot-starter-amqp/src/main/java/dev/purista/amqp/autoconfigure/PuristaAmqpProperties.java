package dev.purista.amqp.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.purista.amqp.AmqpNames;

/**
 * Settings of PURISTA's AMQP event bridge. The connection itself is Spring Boot's ({@code spring.rabbitmq.*});
 * the instance id and default command timeout are {@code purista.event-bridge.*}.
 */
@ConfigurationProperties("purista.amqp")
public class PuristaAmqpProperties {

	/**
	 * The headers exchange every PURISTA message is published to; TypeScript PURISTA's default.
	 */
	private String exchange = AmqpNames.DEFAULTS.exchange();

	/**
	 * Prefix of queue names; TypeScript PURISTA's default.
	 */
	private String namePrefix = AmqpNames.DEFAULTS.prefix();

	/**
	 * How many messages of one command or subscription queue an instance handles at once.
	 */
	private int consumersPerQueue = 4;

	/**
	 * How many unacknowledged messages the broker hands each consumer.
	 */
	private int prefetch = 10;

	/**
	 * Whether events, subscription retries and dead letters are published on a connection of their own with
	 * simple publisher confirms and wait for the broker's confirm. When off, they are published on Spring Boot's
	 * connection factory and wait only if {@code spring.rabbitmq.publisher-confirm-type} is {@code simple}.
	 */
	private boolean publisherConfirms = true;

	/**
	 * How long a publish of an event, retry or dead letter waits for the broker's confirm.
	 */
	private Duration confirmTimeout = Duration.ofSeconds(5);

	/**
	 * How long shutdown waits for this instance's pending invocations to get their responses.
	 */
	private Duration settleTimeout = Duration.ofSeconds(5);

	public String getExchange() {
		return this.exchange;
	}

	public void setExchange(String exchange) {
		this.exchange = exchange;
	}

	public String getNamePrefix() {
		return this.namePrefix;
	}

	public void setNamePrefix(String namePrefix) {
		this.namePrefix = namePrefix;
	}

	public int getConsumersPerQueue() {
		return this.consumersPerQueue;
	}

	public void setConsumersPerQueue(int consumersPerQueue) {
		this.consumersPerQueue = consumersPerQueue;
	}

	public int getPrefetch() {
		return this.prefetch;
	}

	public void setPrefetch(int prefetch) {
		this.prefetch = prefetch;
	}

	public boolean isPublisherConfirms() {
		return this.publisherConfirms;
	}

	public void setPublisherConfirms(boolean publisherConfirms) {
		this.publisherConfirms = publisherConfirms;
	}

	public Duration getConfirmTimeout() {
		return this.confirmTimeout;
	}

	public void setConfirmTimeout(Duration confirmTimeout) {
		this.confirmTimeout = confirmTimeout;
	}

	public Duration getSettleTimeout() {
		return this.settleTimeout;
	}

	public void setSettleTimeout(Duration settleTimeout) {
		this.settleTimeout = settleTimeout;
	}

}
