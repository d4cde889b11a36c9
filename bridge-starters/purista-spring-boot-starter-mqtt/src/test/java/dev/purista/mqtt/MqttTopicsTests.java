package dev.purista.mqtt;

import org.junit.jupiter.api.Test;

import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.message.Command;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageType;
import dev.purista.core.message.Messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link MqttTopics}: TypeScript's 13-level topic layout with {@code none} for absent parts, the {@code $share}
 * filters of commands and shared subscriptions, the response filter of an instance, and topic matching.
 */
class MqttTopicsTests {

	private static final String INSTANCE = "b5c46f718a7b743dada19f247a5452bb";

	private static final String SNAKE_INSTANCE = "b5_c46_f718_a7_b743_dada19_f247_a5452_bb";

	private final MqttTopics topics = new MqttTopics();

	@Test
	void commandTopicHasThirteenSnakeCasedLevelsWithNoneForAbsentParts() {
		Command command = Messages.command(new MessageAddress("TsCaller", "1", "callIt", INSTANCE),
				MessageAddress.of("TsPeer", "1", "echo"), null, null, null, null, null, null);

		String topic = this.topics.topic(command);

		assertThat(topic).isEqualTo("purista/command/none/none/" + SNAKE_INSTANCE + "/ts_caller/1/call_it/none/none"
				+ "/ts_peer/1/echo");
		assertThat(topic.split("/")).hasSize(MqttTopics.LEVELS);
	}

	@Test
	void responseTopicCarriesResponderAndCallerInstanceAndTheEventName() {
		Command command = Messages.command(new MessageAddress("TsCaller", "1", "callIt", INSTANCE),
				MessageAddress.of("TsPeer", "1", "echo"), null, null, null, "user-1", "tenant-1", null);

		assertThat(this.topics.topic(Messages.success(command, "peer1", null, null, null)))
			.isEqualTo("purista/command_success_response/user_1/tenant_1/peer1/ts_peer/1/echo/none/" + SNAKE_INSTANCE
					+ "/ts_caller/1/call_it");
		assertThat(this.topics.topic(Messages.success(command, "peer1", null, "echoed", null)))
			.isEqualTo("purista/command_success_response/user_1/tenant_1/peer1/ts_peer/1/echo/echoed/"
					+ SNAKE_INSTANCE + "/ts_caller/1/call_it");
	}

	@Test
	void emptyTargetOfInfoMessagesIsWrittenAsNoneSoThatThirteenLevelFiltersMatch() {
		String topic = this.topics.topic(Messages.info(MessageType.INFO_SERVICE_INIT,
				new MessageAddress("User", "1", "", INSTANCE), null, null));

		assertThat(topic).isEqualTo("purista/info_service_init/none/none/" + SNAKE_INSTANCE
				+ "/user/1/none/none/none/none/none/none");
		assertThat(MqttTopics.matches(this.topics.subscription(SubscriptionFilter.ANY, false), topic)).isTrue();
	}

	@Test
	void partsThatAreNoTopicLevelArePublishedAsNone() {
		assertThat(this.topics.topic(Messages.custom(new MessageAddress("User", "1", "a/b", INSTANCE), "#", null, null,
				null, null, null)))
			.as("snake-casing turns the / into _, the # stays and is no level")
			.isEqualTo("purista/custom_message/none/none/" + SNAKE_INSTANCE + "/user/1/a_b/none/none/none/none/none");
	}

	@Test
	void commandSubscriptionIsSharedAndMatchesAnySenderAndReceiverInstance() {
		assertThat(this.topics.commandSubscription(new MessageAddress("TsPeer", "1", "echo", INSTANCE)))
			.isEqualTo("$share/sharedpurista/purista/command/+/+/+/+/+/+/+/+/ts_peer/1/echo");
	}

	@Test
	void responseSubscriptionMatchesEverythingAddressedToTheInstance() {
		assertThat(this.topics.responseSubscription(INSTANCE))
			.isEqualTo("purista/+/+/+/+/+/+/+/+/" + SNAKE_INSTANCE + "/+/+/+");
	}

	@Test
	void subscriptionUsesPlusForOpenPartsAndShareForSharedOnes() {
		assertThat(this.topics.subscription(SubscriptionFilter.event("userSignedUp"), false))
			.isEqualTo("purista/+/+/+/+/+/+/+/user_signed_up/+/+/+/+");
		assertThat(this.topics.subscription(SubscriptionFilter.event("userSignedUp"), true))
			.isEqualTo("$share/sharedpurista/purista/+/+/+/+/+/+/+/user_signed_up/+/+/+/+");
		assertThat(this.topics.subscription(SubscriptionFilter.event("+"), false))
			.as("a literal + is compared on the message, not used as a wildcard by accident")
			.isEqualTo("purista/+/+/+/+/+/+/+/+/+/+/+/+");
		assertThat(new MqttTopics("acme", "workers").subscription(
				SubscriptionFilter.ANY.withMessageType(MessageType.INFO_SERVICE_READY), true))
			.isEqualTo("$share/workers/acme/info_service_ready/+/+/+/+/+/+/+/+/+/+/+");
	}

	@Test
	void matchesComparesLevelsWithPlusAndTrailingHashAndIgnoresTheShareGroup() {
		assertThat(MqttTopics.matches("a/+/c", "a/b/c")).isTrue();
		assertThat(MqttTopics.matches("a/+/c", "a/b/d")).isFalse();
		assertThat(MqttTopics.matches("a/+/c", "a/b/c/d")).isFalse();
		assertThat(MqttTopics.matches("a/+/c/d", "a/b/c")).isFalse();
		assertThat(MqttTopics.matches("a/#", "a/b/c")).isTrue();
		assertThat(MqttTopics.matches("$share/g/a/+", "a/b")).isTrue();
		assertThat(MqttTopics.matches("$share/g/a/+", "$share/g/a/b")).isFalse();
		assertThat(MqttTopics.unshared("$share/g/a/b")).isEqualTo("a/b");
		assertThat(MqttTopics.unshared("a/b")).isEqualTo("a/b");
	}

	@Test
	void prefixAndShareGroupMustBeOneLevel() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MqttTopics("a/b", "g"));
		assertThatIllegalArgumentException().isThrownBy(() -> new MqttTopics("a", "+"));
		assertThatIllegalArgumentException().isThrownBy(() -> new MqttTopics("", "g"));
	}

}
