package dev.purista.nats;

import org.junit.jupiter.api.Test;

import dev.purista.core.message.MessageAddress;
import dev.purista.nats.NatsJetStreamNames.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NatsJetStreamNames} (TypeScript's stream, consumer and dead-letter names) and the subject coverage the
 * stream lookup relies on.
 */
class NatsJetStreamNamesTests {

	private final NatsJetStreamNames names = new NatsJetStreamNames(NatsSubjects.DEFAULT_PREFIX);

	@Test
	void streamIsTheSanitizedPrefixKindAndSubject() {
		assertThat(this.names.stream(Kind.COMMAND, "purista.command.*.*.*.*.*.*.*.*.user_service.1.sign_up"))
			.isEqualTo("purista_command_purista_command_________________user_service_1_sign_up");
		assertThat(this.names.stream(Kind.SUBSCRIPTION, "purista.*.*.*.*.*.*.*.user_signed_up.*.*.*.*"))
			.isEqualTo("purista_subscription_purista_______________user_signed_up________");
	}

	@Test
	void consumerIsTheSanitizedKindAndAddressWithTheInstanceWhenNotShared() {
		MessageAddress address = MessageAddress.of("User Service", "1.0", "onSignUp");

		assertThat(NatsJetStreamNames.consumer(Kind.SUBSCRIPTION, address, true, "inst-1"))
			.isEqualTo("subscription_User_Service_1_0_onSignUp");
		assertThat(NatsJetStreamNames.consumer(Kind.SUBSCRIPTION, address, false, "inst-1"))
			.isEqualTo("subscription_User_Service_1_0_onSignUp_inst-1");
	}

	@Test
	void namesAreCutTo200Characters() {
		assertThat(NatsJetStreamNames.sanitize("x".repeat(250))).hasSize(200);
	}

	@Test
	void deadLetterSubjectAppendsTheSuffix() {
		assertThat(NatsJetStreamNames.deadLetterSubject("purista.*.a")).isEqualTo("purista.*.a.dead-letter");
	}

	@Test
	void durableRepliesGoToAnInboxSubjectOfTheCallerInstanceAndCorrelationId() {
		assertThat(NatsJetStreamNames.durableReplySubject("_INBOX.", "inst 1", "c-1"))
			.isEqualTo("_INBOX.durable.inst_1.c-1");
		assertThat(NatsJetStreamNames.durableReplySubscription("_INBOX.", "inst 1")).isEqualTo("_INBOX.durable.inst_1.*");
	}

	@Test
	void aStreamCoversASubjectOnlyWhenItCapturesEveryMatchingMessage() {
		String command = "purista.command.*.*.*.*.*.*.*.*.user_service.1.sign_up";

		assertThat(NatsJetStreamConsumers.covers(command, command)).isTrue();
		assertThat(NatsJetStreamConsumers.covers("purista.>", command)).isTrue();
		assertThat(NatsJetStreamConsumers.covers("purista.*.*.*.*.*.*.*.*.*.*.*.*", command)).isTrue();
		assertThat(NatsJetStreamConsumers.covers("purista.*.*.*.*.*.*.*.user_signed_up.*.*.*.*", command))
			.as("overlaps, but misses commands without that event").isFalse();
		assertThat(NatsJetStreamConsumers.covers(command + ".dead-letter", command)).isFalse();
		assertThat(NatsJetStreamConsumers.covers(command, command + ".dead-letter")).isFalse();
	}

}
