package dev.purista.core.bridge;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.purista.core.message.MessageAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class SubscriptionRegistrationTests {

	private static final MessageAddress ADDRESS = MessageAddress.of("Audit", "1", "log");

	private static final SubscriptionFilter FILTER = SubscriptionFilter.event("seen");

	@Test
	void ofUsesPuristasDefaultsSharedNotDurableAutoAcknowledgedWithoutRetries() {
		SubscriptionRegistration registration = SubscriptionRegistration.of(ADDRESS, FILTER);

		assertThat(registration.address()).isEqualTo(ADDRESS);
		assertThat(registration.filter()).isEqualTo(FILTER);
		assertFlags(registration, true, false, true);
		assertThat(registration.maxAttempts()).isOne();
		assertThat(registration.retryDelay()).isEqualTo(Duration.ofSeconds(1));
		assertThat(registration.deadLetterTarget()).isNull();
		assertThat(SubscriptionRegistration.builder(ADDRESS, FILTER).build()).isEqualTo(registration);
	}

	@Test
	void sharedLandsOnSharedOnly() {
		assertFlags(SubscriptionRegistration.builder(ADDRESS, FILTER).shared(false).build(), false, false, true);
	}

	@Test
	void durableLandsOnDurableOnly() {
		assertFlags(SubscriptionRegistration.builder(ADDRESS, FILTER).durable(true).build(), true, true, true);
	}

	@Test
	void autoacknowledgeLandsOnAutoacknowledgeOnly() {
		assertFlags(SubscriptionRegistration.builder(ADDRESS, FILTER).autoacknowledge(false).build(), true, false,
				false);
	}

	@Test
	void retrySettingsAndDeadLetterTargetLandOnTheirOwnAccessors() {
		SubscriptionRegistration registration = SubscriptionRegistration.builder(ADDRESS, FILTER)
			.maxAttempts(3)
			.retryDelay(Duration.ofMillis(250))
			.deadLetterTarget("audit-dlq")
			.build();

		assertThat(registration.maxAttempts()).isEqualTo(3);
		assertThat(registration.retryDelay()).isEqualTo(Duration.ofMillis(250));
		assertThat(registration.deadLetterTarget()).isEqualTo("audit-dlq");
		assertFlags(registration, true, false, true);
	}

	@Test
	void withEveryInstanceClearsSharedAndKeepsTheRest() {
		SubscriptionRegistration registration = SubscriptionRegistration.builder(ADDRESS, FILTER)
			.durable(true)
			.maxAttempts(2)
			.build();

		SubscriptionRegistration everyInstance = registration.withEveryInstance(true);

		assertFlags(everyInstance, false, true, true);
		assertThat(everyInstance.maxAttempts()).isEqualTo(2);
		assertThat(everyInstance.withEveryInstance(false)).isEqualTo(registration);
	}

	@Test
	void withRetriesSetsAttemptsAndDelayOnly() {
		SubscriptionRegistration registration = SubscriptionRegistration.of(ADDRESS, FILTER)
			.withRetries(4, Duration.ofSeconds(2));

		assertThat(registration.maxAttempts()).isEqualTo(4);
		assertThat(registration.retryDelay()).isEqualTo(Duration.ofSeconds(2));
		assertFlags(registration, true, false, true);
	}

	@Test
	void toBuilderKeepsEverySetting() {
		SubscriptionRegistration registration = SubscriptionRegistration.builder(ADDRESS, FILTER)
			.shared(false)
			.durable(true)
			.autoacknowledge(false)
			.maxAttempts(5)
			.retryDelay(Duration.ofMillis(10))
			.deadLetterTarget("dlq")
			.build();

		assertThat(registration.toBuilder().build()).isEqualTo(registration);
	}

	@Test
	void toBuilderCopiesEachFlagToItsOwnSetter() {
		SubscriptionRegistration defaults = SubscriptionRegistration.of(ADDRESS, FILTER);

		assertThat(List.of(defaults, defaults.toBuilder().shared(false).build(),
				defaults.toBuilder().durable(true).build(), defaults.toBuilder().autoacknowledge(false).build()))
			.allSatisfy((registration) -> assertThat(registration.toBuilder().build()).isEqualTo(registration));
	}

	@Test
	void maxAttemptsBelowOneIsRejectedNamingTheSubscription() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SubscriptionRegistration.builder(ADDRESS, FILTER).maxAttempts(0).build())
			.withMessageContaining("maxAttempts")
			.withMessageContaining(ADDRESS.toString())
			.withMessageContaining("was 0");
	}

	@Test
	void addressFilterAndRetryDelayAreRequired() {
		assertThatNullPointerException().isThrownBy(() -> SubscriptionRegistration.builder(null, FILTER))
			.withMessage("address");
		assertThatNullPointerException().isThrownBy(() -> SubscriptionRegistration.builder(ADDRESS, null))
			.withMessage("filter");
		assertThatNullPointerException()
			.isThrownBy(() -> SubscriptionRegistration.builder(ADDRESS, FILTER).retryDelay(null).build())
			.withMessage("retryDelay");
	}

	@Test
	void equalsHashCodeAndToStringCoverEveryField() {
		SubscriptionRegistration registration = SubscriptionRegistration.of(ADDRESS, FILTER);

		assertThat(registration).isEqualTo(SubscriptionRegistration.of(ADDRESS, FILTER))
			.hasSameHashCodeAs(SubscriptionRegistration.of(ADDRESS, FILTER));
		assertThat(registration)
			.isNotEqualTo(SubscriptionRegistration.of(MessageAddress.of("Audit", "1", "other"), FILTER))
			.isNotEqualTo(SubscriptionRegistration.of(ADDRESS, SubscriptionFilter.event("other")))
			.isNotEqualTo(registration.toBuilder().shared(false).build())
			.isNotEqualTo(registration.toBuilder().durable(true).build())
			.isNotEqualTo(registration.toBuilder().autoacknowledge(false).build())
			.isNotEqualTo(registration.toBuilder().maxAttempts(2).build())
			.isNotEqualTo(registration.toBuilder().retryDelay(Duration.ofSeconds(2)).build())
			.isNotEqualTo(registration.toBuilder().deadLetterTarget("dlq").build());
		assertThat(registration).hasToString("SubscriptionRegistration[address=" + ADDRESS + ", filter=" + FILTER
				+ ", shared=true, durable=false, autoacknowledge=true, maxAttempts=1, retryDelay=PT1S, "
				+ "deadLetterTarget=null]");
	}

	private static void assertFlags(SubscriptionRegistration registration, boolean shared, boolean durable,
			boolean autoacknowledge) {
		assertThat(registration.shared()).as("shared").isEqualTo(shared);
		assertThat(registration.durable()).as("durable").isEqualTo(durable);
		assertThat(registration.autoacknowledge()).as("autoacknowledge").isEqualTo(autoacknowledge);
	}

}
