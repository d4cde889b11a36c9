package dev.purista.mqtt.queue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.purista.mqtt.queue.MqttQueueTopics.Kind;
import dev.purista.mqtt.queue.MqttQueueTopics.Route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The topics of the MQTT-native queue, as the README documents them.
 */
class MqttQueueTopicsTests {

	private final MqttQueueTopics topics = new MqttQueueTopics("purista", "purista-queue");

	@Test
	void topicsOfAQueue() {
		assertThat(this.topics.jobs("emails")).isEqualTo("purista/queue/emails/jobs");
		assertThat(this.topics.sharedJobs("emails")).isEqualTo("$share/purista-queue/purista/queue/emails/jobs");
		assertThat(this.topics.ledger("emails", "j-1")).isEqualTo("purista/queue/emails/ledger/j-1");
		assertThat(this.topics.ledgerFilter("emails")).isEqualTo("purista/queue/emails/ledger/+");
		assertThat(this.topics.member("i-1")).isEqualTo("purista/queue-members/i-1");
		assertThat(this.topics.memberFilter()).isEqualTo("purista/queue-members/+");
		assertThat(this.topics.deadLetter("emails.dead-letter", "j-1"))
			.isEqualTo("purista/queue-dead-letter/emails.dead-letter/j-1");
		assertThat(this.topics.deadLetterFilter("emails.dead-letter"))
			.isEqualTo("purista/queue-dead-letter/emails.dead-letter/+");
	}

	@Test
	void receivedTopicsAreRoutedByKind() {
		assertThat(this.topics.route("purista/queue/emails/jobs")).isEqualTo(new Route(Kind.JOB, "emails", ""));
		assertThat(this.topics.route("purista/queue/emails/ledger/j-1"))
			.isEqualTo(new Route(Kind.LEDGER, "emails", "j-1"));
		assertThat(this.topics.route("purista/queue-members/i-1")).isEqualTo(new Route(Kind.MEMBER, "i-1", ""));
		assertThat(this.topics.route("purista/queue-dead-letter/emails.dead-letter/j-1"))
			.isEqualTo(new Route(Kind.DEAD_LETTER, "emails.dead-letter", "j-1"));
		assertThat(this.topics.route("purista/queue/emails/other")).isNull();
		assertThat(this.topics.route("elsewhere/queue/emails/jobs")).isNull();
	}

	@Test
	void aQueueNamedLikeATopicLevelStaysInItsOwnSubtree() {
		assertThat(this.topics.route(this.topics.jobs("ledger"))).isEqualTo(new Route(Kind.JOB, "ledger", ""));
		assertThat(this.topics.route(this.topics.ledger("jobs", "j-1"))).isEqualTo(new Route(Kind.LEDGER, "jobs", "j-1"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a/b", "a+", "#", "x#y" })
	void queueNamesThatAreNoSingleTopicLevelAreRefused(String queueName) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.topics.jobs(queueName))
			.withMessageContaining("one MQTT topic level");
	}

}
