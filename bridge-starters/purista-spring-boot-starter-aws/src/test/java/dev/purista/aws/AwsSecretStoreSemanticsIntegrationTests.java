package dev.purista.aws;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import dev.purista.core.store.CachingSecretStore;
import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.test.aws.SecretsManagerEmulator;
import dev.purista.test.aws.SecretsManagerEmulator.Call;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AwsSecretStore} sends the calls TypeScript PURISTA's {@code AWSSecretStore} sends, in the same order,
 * through the real AWS SDK to the {@link SecretsManagerEmulator}; the cache in front of it saves calls until its
 * TTL expires.
 */
class AwsSecretStoreSemanticsIntegrationTests {

	private static final StoreOptions WRITABLE = StoreOptions.secretDefaults()
		.toBuilder()
		.enableSet(true)
		.enableRemove(true)
		.build();

	private static SecretsManagerEmulator emulator;

	private static SecretsManagerClient client;

	@BeforeAll
	static void startEmulator() throws IOException {
		emulator = SecretsManagerEmulator.start();
		client = AwsTestSupport.client(emulator);
	}

	@AfterAll
	static void stopEmulator() {
		client.close();
		emulator.close();
	}

	@BeforeEach
	void resetEmulator() {
		emulator.reset();
	}

	@Test
	void wireCallsAreTypeScriptsInOrder() {
		AwsSecretStore store = new AwsSecretStore(client, WRITABLE);
		assertThat(store.getSecret("db")).containsEntry("db", null);
		store.setSecret("db", "v1");
		assertThat(store.getSecret("db")).containsEntry("db", "v1");
		store.setSecret("db", "v2");
		assertThat(store.getSecret("db")).containsEntry("db", "v2");
		store.removeSecret("db");
		assertThat(store.getSecret("db")).containsEntry("db", null);
		assertThat(Call.describe(emulator.calls())).containsExactly("GetSecretValue(db)", "UpdateSecret(db)",
				"CreateSecret(db)", "UpdateSecret(db)", "GetSecretValue(db)", "UpdateSecret(db)", "GetSecretValue(db)",
				"DeleteSecret(db)", "GetSecretValue(db)");
	}

	@Test
	void getOfSeveralNamesSendsOneGetSecretValuePerNameInTheGivenOrder() {
		emulator.putSecret("b", "two");
		emulator.putSecret("a", "one");
		AwsSecretStore store = new AwsSecretStore(client);
		assertThat(store.getSecret("b", "missing", "a")).containsExactly(entry("b", "two"), entry("missing", null),
				entry("a", "one"));
		assertThat(Call.describe(emulator.calls())).containsExactly("GetSecretValue(b)", "GetSecretValue(missing)",
				"GetSecretValue(a)");
	}

	@Test
	void setOfANewSecretCreatesItWithTheValueAndUpdatesItAgain() {
		new AwsSecretStore(client, WRITABLE).setSecret("new", "created");
		assertThat(emulator.secretValue("new")).contains("created");
		assertThat(emulator.calls()).extracting(Call::operation)
			.containsExactly("UpdateSecret", "CreateSecret", "UpdateSecret");
		assertThat(emulator.calls().get(1).parameters()).containsEntry("Name", "new");
	}

	@Test
	void removeDeletesWithoutRecovery() {
		emulator.putSecret("old", "value");
		new AwsSecretStore(client, WRITABLE).removeSecret("old");
		assertThat(emulator.secretValue("old")).isEmpty();
		assertThat(emulator.calls()).singleElement().satisfies((call) -> {
			assertThat(call.operation()).isEqualTo("DeleteSecret");
			assertThat(call.parameters()).containsEntry("ForceDeleteWithoutRecovery", "true");
		});
	}

	@Test
	void readsASecretCreatedOutsideTheStore() {
		emulator.putSecret("purista/db", "{\"user\":\"alice\"}");
		assertThat(new AwsSecretStore(client).getSecret("purista/db")).containsEntry("purista/db",
				"{\"user\":\"alice\"}");
	}

	@Test
	void cachedReadAvoidsTheCallUntilTheTtlExpires() {
		emulator.putSecret("db", "v1");
		MutableClock clock = new MutableClock();
		StoreOptions options = StoreOptions.secretDefaults()
			.toBuilder()
			.enableCache(true)
			.cacheTtl(Duration.ofMinutes(5))
			.build();
		SecretStore store = new CachingSecretStore(new AwsSecretStore(client, options), options, clock);
		assertThat(store.getSecret("db")).containsEntry("db", "v1");
		emulator.putSecret("db", "v2");
		clock.advance(Duration.ofMinutes(5));
		assertThat(store.getSecret("db")).containsEntry("db", "v1");
		assertThat(emulator.calls()).hasSize(1);
		clock.advance(Duration.ofSeconds(1));
		assertThat(store.getSecret("db")).containsEntry("db", "v2");
		assertThat(Call.describe(emulator.calls())).containsExactly("GetSecretValue(db)", "GetSecretValue(db)");
	}

	private static java.util.Map.Entry<String, String> entry(String key, String value) {
		return new java.util.AbstractMap.SimpleEntry<>(key, value);
	}

	/**
	 * A clock the test moves forward.
	 */
	static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
