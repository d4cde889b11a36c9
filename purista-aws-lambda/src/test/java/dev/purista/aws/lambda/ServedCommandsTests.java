package dev.purista.aws.lambda;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.purista.core.message.MessageAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Parsing and matching of {@code purista.lambda.commands}.
 */
class ServedCommandsTests {

	private static final MessageAddress SIGN_UP_V1 = MessageAddress.of("User", "1", "signUp");

	private static final MessageAddress SIGN_UP_V2 = MessageAddress.of("User", "2", "signUp");

	@Test
	void noEntriesServeEverything() {
		ServedCommands served = ServedCommands.of(List.of());
		assertThat(served.all()).isTrue();
		assertThat(served.serves(MessageAddress.of("Any", "9", "thing"))).isTrue();
	}

	@Test
	void serviceAndCommandMatchEveryVersionIgnoringCase() {
		ServedCommands served = ServedCommands.of(List.of(" user.SIGNUP "));
		assertThat(served.serves(SIGN_UP_V1)).isTrue();
		assertThat(served.serves(SIGN_UP_V2)).isTrue();
		assertThat(served.serves(MessageAddress.of("User", "1", "getUser"))).isFalse();
		assertThat(served.serves(MessageAddress.of("Email", "1", "signUp"))).isFalse();
	}

	@Test
	void versionedEntryMatchesOnlyThatVersion() {
		ServedCommands served = ServedCommands.of(List.of("User.2.signUp"));
		assertThat(served.serves(SIGN_UP_V2)).isTrue();
		assertThat(served.serves(SIGN_UP_V1)).isFalse();
	}

	@Test
	void entryOfAnotherShapeIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ServedCommands.of(List.of("signUp")))
			.withMessageContaining("'signUp'");
		assertThatIllegalArgumentException().isThrownBy(() -> ServedCommands.of(List.of("User..signUp")));
		assertThatIllegalArgumentException().isThrownBy(() -> ServedCommands.of(List.of("a.b.c.d")));
	}

	@Test
	void entryNoCommandMatchesIsReported() {
		ServedCommands served = ServedCommands.of(List.of("User.signUp", "User.sigUp"));
		assertThat(served.firstUnmatched(List.of(SIGN_UP_V1))).isEqualTo("User.sigUp");
		assertThat(ServedCommands.of(List.of("User.signUp")).firstUnmatched(List.of(SIGN_UP_V1))).isNull();
	}

}
