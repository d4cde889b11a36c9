package dev.purista.nats;

import org.junit.jupiter.api.Test;

import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.message.Command;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageType;
import dev.purista.core.message.Messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link NatsSubjects}: TypeScript's subject layout and queue groups, and where Java writes {@code empty} or
 * subscribes with {@code *} because a part is no valid subject token.
 */
class NatsSubjectsTests {

	private static final String INSTANCE = "4bf92f3577b34da6a3ce929d0e0e4736";

	private final NatsSubjects subjects = new NatsSubjects(NatsSubjects.DEFAULT_PREFIX);

	@Test
	void commandSubjectHasThirteenSnakeCasedTokensWithEmptyForAbsentParts() {
		Command command = Messages.command(new MessageAddress("Hono", "1", "$$endpoint:post:/api/v1/user", INSTANCE),
				MessageAddress.of("UserService", "1", "signUp"), null, null, null, "user-1", null, null);

		assertThat(this.subjects.subject(command)).isEqualTo("purista.command.user_1.empty."
				+ "4_bf92_f3577_b34_da6_a3_ce929_d0_e0_e4736.hono.1.endpoint_post_api_v1_user.empty.empty.user_service.1"
				+ ".sign_up");
	}

	@Test
	void commandSubscriptionMatchesAnySenderAndReceiverInstance() {
		assertThat(this.subjects.commandSubscription(MessageAddress.of("UserService", "1", "signUp")))
			.isEqualTo("purista.command.*.*.*.*.*.*.*.*.user_service.1.sign_up");
		assertThat(this.subjects.instanceCommandSubscription(MessageAddress.of("UserService", "1", "signUp"), INSTANCE))
			.isEqualTo("purista.command.*.*.*.*.*.*.*.4_bf92_f3577_b34_da6_a3_ce929_d0_e0_e4736.user_service.1.sign_up");
	}

	@Test
	void queueGroupIsThePrefixedAddressUpperCasedWithoutSnakeCasing() {
		assertThat(this.subjects.queueGroup(MessageAddress.of("TsPeer", "1", "echo")))
			.isEqualTo("PURISTA_QUEUE_TSPEER_1_ECHO");
		assertThat(new NatsSubjects("acme").queueGroup(MessageAddress.of("User", "2", "signUp")))
			.isEqualTo("ACME_QUEUE_USER_2_SIGNUP");
	}

	@Test
	void subscriptionUsesWildcardsForUnsetFiltersAndForValuesThatAreNoToken() {
		assertThat(this.subjects.subscription(SubscriptionFilter.event("userSignedUp")))
			.isEqualTo("purista.*.*.*.*.*.*.*.user_signed_up.*.*.*.*");
		assertThat(this.subjects.subscription(SubscriptionFilter.event("*")))
			.as("a literal * is compared on the message, not used as a wildcard by accident")
			.isEqualTo("purista.*.*.*.*.*.*.*.*.*.*.*.*");
		assertThat(this.subjects.subscription(SubscriptionFilter.ANY.withMessageType(MessageType.INFO_SERVICE_READY)
			.withSender("Gateway", null, "", null)))
			.isEqualTo("purista.info_service_ready.*.*.*.gateway.*.*.*.*.*.*.*");
	}

	@Test
	void partsThatAreNoTokenArePublishedAsEmpty() {
		assertThat(this.subjects.subject(Messages.info(MessageType.INFO_SERVICE_INIT,
				new MessageAddress("User", "1", "", INSTANCE), null, null)))
			.isEqualTo("purista.info_service_init.empty.empty.4_bf92_f3577_b34_da6_a3_ce929_d0_e0_e4736.user.1.empty"
					+ ".empty.empty.empty.empty.empty");
		assertThat(this.subjects.subject(Messages.custom(new MessageAddress("User", "1", ".", INSTANCE), ">", null, null,
				null, null, null)))
			.isEqualTo("purista.custom_message.empty.empty.4_bf92_f3577_b34_da6_a3_ce929_d0_e0_e4736.user.1.empty"
					+ ".empty.empty.empty.empty.empty");
	}

	@Test
	void receivedSubjectAddressesAnInstanceWhenItsReceiverInstanceTokenIsSet() {
		assertThat(NatsSubjects.addressesInstance("purista.command.a.b.c.d.1.e.empty.empty.user.1.sign_up")).isFalse();
		assertThat(NatsSubjects.addressesInstance("purista.command.a.b.c.d.1.e.empty.inst.user.1.sign_up")).isTrue();
		assertThat(NatsSubjects.addressesInstance("purista.short")).isFalse();
	}

	@Test
	void prefixMustBeOneToken() {
		assertThatIllegalArgumentException().isThrownBy(() -> new NatsSubjects("a.b"));
		assertThatIllegalArgumentException().isThrownBy(() -> new NatsSubjects(""));
	}

	@Test
	void tokensStayCorrectOnceMoreDistinctPartsWereSeenThanAreKept() {
		for (int i = 0; i <= NatsSubjects.TOKEN_CACHE_LIMIT + 10; i++) {
			assertThat(NatsSubjects.token("userService" + i)).isEqualTo("user_service" + i);
		}
		assertThat(NatsSubjects.token("userService0")).isEqualTo("user_service0");
		assertThat(NatsSubjects.token("*")).isEqualTo(NatsSubjects.EMPTY);
		assertThat(NatsSubjects.token("*")).as("asked again").isEqualTo(NatsSubjects.EMPTY);
	}

}
