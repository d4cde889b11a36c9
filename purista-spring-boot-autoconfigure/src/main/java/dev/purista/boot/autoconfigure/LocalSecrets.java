package dev.purista.boot.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.env.Environment;

import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.core.store.memory.InMemorySecretStore;

/**
 * Builds the in-memory secret store from {@code purista.secret-store.in-memory.secrets} and warns once, at
 * start-up, when it serves an application none of whose active profiles is {@code local}, {@code ci} or
 * {@code test}. Without an active profile the {@code local} preset applies, so no warning is logged. An
 * application that states {@code purista.production.reads-secrets=false} and seeds no secret is not warned
 * either: the empty store is never read. Secret values are never logged; the warning names the active profiles
 * and the number of seeded secrets only.
 */
final class LocalSecrets {

	/** The profiles in which the in-memory secret store is expected. */
	static final List<String> LOCAL_PROFILES = List.of("local", "ci", "test");

	private static final Log logger = LogFactory.getLog(LocalSecrets.class);

	private LocalSecrets() {
	}

	/**
	 * Create the in-memory secret store holding the configured secrets, warning when the active profiles are
	 * not local ones.
	 * @param properties PURISTA's properties
	 * @param environment the Spring environment, for the active profiles
	 * @return the store
	 */
	static SecretStore createStore(PuristaProperties properties, Environment environment) {
		Map<String, String> secrets = properties.getSecretStore().getInMemory().getSecrets();
		warnOutsideLocalProfiles(environment.getActiveProfiles(), secrets.size(),
				properties.getProduction().isReadsSecrets());
		return new InMemorySecretStore(StoreOptions.secretDefaults(), secrets);
	}

	private static void warnOutsideLocalProfiles(String[] activeProfiles, int seeded, boolean readsSecrets) {
		if (activeProfiles.length == 0 || Arrays.stream(activeProfiles).anyMatch(LOCAL_PROFILES::contains)) {
			return;
		}
		if (!readsSecrets && seeded == 0) {
			return;
		}
		String profiles = "while the active profile(s) " + Arrays.toString(activeProfiles)
				+ " include none of local, ci, test. ";
		if (seeded > 0) {
			logger.warn("The in-memory secret store holds " + seeded
					+ " secret(s) from purista.secret-store.in-memory.secrets, unencrypted in this process, " + profiles
					+ "Set purista.secret-store.type=aws to read secrets from a secret store.");
		}
		else {
			logger.warn("The in-memory secret store is empty, so no service can read a secret, " + profiles
					+ "Set purista.secret-store.type=aws, or purista.production.reads-secrets=false "
					+ "if no service reads secrets.");
		}
	}

}
