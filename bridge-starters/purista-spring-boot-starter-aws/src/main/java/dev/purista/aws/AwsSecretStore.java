package dev.purista.aws;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.util.function.SingletonSupplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import dev.purista.core.error.StoreUnavailableException;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.store.CachingSecretStore;
import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StoreKind;
import dev.purista.core.store.StoreOptions;

/**
 * A {@link SecretStore} on AWS Secrets Manager with TypeScript PURISTA's semantics ({@code AWSSecretStore} of
 * {@code @purista/aws-secret-store}):
 * <ul>
 * <li>{@link #getSecret} sends one {@code GetSecretValue} per name, one after the other, and returns the
 * {@code SecretString}; a secret Secrets Manager does not know ({@code ResourceNotFoundException}) is
 * {@code null};</li>
 * <li>{@link #setSecret} sends {@code UpdateSecret}; when the secret does not exist, {@code CreateSecret} and then
 * {@code UpdateSecret} again (a {@code ResourceExistsException} of that create, because another writer created
 * the secret meanwhile, is ignored: the update follows);</li>
 * <li>{@link #removeSecret} sends {@code DeleteSecret} with {@code ForceDeleteWithoutRecovery=true}, so the name
 * can be used again at once; a secret that does not exist counts as removed.</li>
 * </ul>
 * Errors: Secrets Manager unreachable, timed out, throttling or answering 5xx (after the client's own retries)
 * raise {@link StoreUnavailableException} (503); every other failure an {@link UnhandledException} of status
 * 500. Messages name the store, the operation, the secret's name and AWS's error code, never a value.
 * <p>
 * The store does not cache: wrap it with {@link CachingSecretStore#wrapIfEnabled(SecretStore, StoreOptions)}
 * (TypeScript enables the cache by default; the Spring Boot starter does). {@link #isHealthy()} sends no request:
 * it is {@code false} after a call failed because Secrets Manager was unavailable, until a call succeeds again.
 * <p>
 * Thread-safe as the client is; every method blocks on the client's HTTP calls. The client is not closed by
 * {@link #destroy()}: it belongs to whoever created it.
 */
public class AwsSecretStore implements SecretStore {

	/** The store's name. */
	public static final String NAME = "AwsSecretStore";

	private final SingletonSupplier<SecretsManagerClient> client;

	private final StoreOptions options;

	private volatile boolean available = true;

	/**
	 * Create a store with PURISTA's secret store defaults (only reading enabled).
	 * @param client the Secrets Manager client
	 */
	public AwsSecretStore(SecretsManagerClient client) {
		this(client, StoreOptions.secretDefaults());
	}

	/**
	 * Create a store.
	 * @param client the Secrets Manager client
	 * @param options which operations are enabled (caching is done by {@link CachingSecretStore})
	 */
	public AwsSecretStore(SecretsManagerClient client, StoreOptions options) {
		this(constant(Objects.requireNonNull(client, "client")), options);
	}

	/**
	 * Create a store whose client is obtained on the first call, not before: a function that reads no secret at
	 * start-up does not pay for building the AWS SDK client in its cold start.
	 * @param client supplies the Secrets Manager client; called once, on the first call of the store
	 * @param options which operations are enabled (caching is done by {@link CachingSecretStore})
	 */
	public AwsSecretStore(Supplier<SecretsManagerClient> client, StoreOptions options) {
		this.client = SingletonSupplier.of(Objects.requireNonNull(client, "client"));
		this.options = Objects.requireNonNull(options, "options");
	}

	private static Supplier<SecretsManagerClient> constant(SecretsManagerClient client) {
		return () -> client;
	}

	private SecretsManagerClient client() {
		return this.client.obtain();
	}

	@Override
	public String name() {
		return NAME;
	}

	/**
	 * The options this store was created with.
	 * @return the options
	 */
	public StoreOptions options() {
		return this.options;
	}

	/**
	 * Whether the last call reached Secrets Manager (or no call was made yet). No request is sent.
	 * @return {@code false} after a call failed because Secrets Manager was unavailable
	 */
	@Override
	public boolean isHealthy() {
		return this.available;
	}

	@Override
	public Map<String, @Nullable String> getSecret(String... names) {
		this.options.checkGetEnabled(StoreKind.SECRET);
		Map<String, @Nullable String> result = new LinkedHashMap<>();
		for (String name : names) {
			result.put(name, read(name));
		}
		return Collections.unmodifiableMap(result);
	}

	private @Nullable String read(String name) {
		try {
			String value = client().getSecretValue((request) -> request.secretId(name)).secretString();
			this.available = true;
			return value;
		}
		catch (ResourceNotFoundException ex) {
			this.available = true;
			return null;
		}
		catch (SdkException ex) {
			throw failure("read", name, ex);
		}
	}

	@Override
	public void setSecret(String name, String value) {
		this.options.checkSetEnabled(StoreKind.SECRET);
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(value, () -> "value of secret '" + name + "'");
		try {
			try {
				update(name, value);
			}
			catch (ResourceNotFoundException ex) {
				create(name, value);
				update(name, value);
			}
			this.available = true;
		}
		catch (SdkException ex) {
			throw failure("write", name, ex);
		}
	}

	private void create(String name, String value) {
		try {
			client().createSecret((request) -> request.name(name).secretString(value));
		}
		catch (ResourceExistsException ex) {
			// created concurrently by another writer: the update that follows writes this value over it
		}
	}

	private void update(String name, String value) {
		client().updateSecret((request) -> request.secretId(name).secretString(value));
	}

	@Override
	public void removeSecret(String name) {
		this.options.checkRemoveEnabled(StoreKind.SECRET);
		Objects.requireNonNull(name, "name");
		try {
			client().deleteSecret((request) -> request.secretId(name).forceDeleteWithoutRecovery(true));
			this.available = true;
		}
		catch (ResourceNotFoundException ex) {
			this.available = true;
		}
		catch (SdkException ex) {
			throw failure("remove", name, ex);
		}
	}

	private RuntimeException failure(String operation, String name, SdkException ex) {
		String message = NAME + " could not " + operation + " secret '" + name + "': " + describe(ex);
		if (isUnavailable(ex)) {
			this.available = false;
			return new StoreUnavailableException(message, ex);
		}
		this.available = true;
		return new UnhandledException(message, ex);
	}

	/**
	 * Whether a failure means Secrets Manager could not be used now: no answer (I/O error, timeout), throttling,
	 * or a 5xx answer — the failures the SDK retries, after its retries.
	 */
	static boolean isUnavailable(SdkException ex) {
		if (ex instanceof AwsServiceException service) {
			return service.isThrottlingException() || service.statusCode() >= 500;
		}
		return ex instanceof SdkClientException;
	}

	private static String describe(SdkException ex) {
		if (ex instanceof AwsServiceException service) {
			String code = (service.awsErrorDetails() != null) ? service.awsErrorDetails().errorCode() : null;
			return "Secrets Manager answered " + service.statusCode() + ((code != null) ? " " + code : "");
		}
		return "Secrets Manager not reached (" + ex.getClass().getSimpleName() + ")";
	}

	@Override
	public String toString() {
		return NAME + "[options=" + this.options + "]";
	}

}
