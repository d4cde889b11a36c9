package dev.purista.aws.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.purista.core.store.StoreOptions;

/**
 * Settings of PURISTA's AWS starter. The client itself (region, credentials, endpoint) is Spring Cloud AWS's
 * ({@code spring.cloud.aws.*}, {@code spring.cloud.aws.secretsmanager.*}).
 */
@ConfigurationProperties("purista.aws")
public class PuristaAwsProperties {

	private final Secrets secrets = new Secrets();

	public Secrets getSecrets() {
		return this.secrets;
	}

	/**
	 * Settings of the AWS Secrets Manager secret store.
	 */
	public static class Secrets {

		/**
		 * Whether secrets read are cached, as TypeScript PURISTA's AWS secret store does by default.
		 */
		private boolean cacheEnabled = true;

		/**
		 * How long a cached secret is used before it is read again; empty keeps it until it is set or removed.
		 */
		private @Nullable Duration cacheTtl = Duration.ofMinutes(5);

		/**
		 * Whether services may read secrets.
		 */
		private boolean enableGet = true;

		/**
		 * Whether services may create and update secrets (PURISTA's default: no).
		 */
		private boolean enableSet;

		/**
		 * Whether services may delete secrets, without recovery (PURISTA's default: no).
		 */
		private boolean enableRemove;

		/**
		 * Whether Spring Cloud AWS's Secrets Manager client is built on the first secret read instead of at
		 * start-up (shorter cold starts; a wrong region or endpoint then shows on the first read).
		 */
		private boolean lazyClient = true;

		public boolean isLazyClient() {
			return this.lazyClient;
		}

		public void setLazyClient(boolean lazyClient) {
			this.lazyClient = lazyClient;
		}

		public boolean isCacheEnabled() {
			return this.cacheEnabled;
		}

		public void setCacheEnabled(boolean cacheEnabled) {
			this.cacheEnabled = cacheEnabled;
		}

		public @Nullable Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(@Nullable Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

		public boolean isEnableGet() {
			return this.enableGet;
		}

		public void setEnableGet(boolean enableGet) {
			this.enableGet = enableGet;
		}

		public boolean isEnableSet() {
			return this.enableSet;
		}

		public void setEnableSet(boolean enableSet) {
			this.enableSet = enableSet;
		}

		public boolean isEnableRemove() {
			return this.enableRemove;
		}

		public void setEnableRemove(boolean enableRemove) {
			this.enableRemove = enableRemove;
		}

		/**
		 * The store options these settings describe.
		 * @return the options
		 */
		public StoreOptions toStoreOptions() {
			return StoreOptions.secretDefaults()
				.toBuilder()
				.enableGet(this.enableGet)
				.enableSet(this.enableSet)
				.enableRemove(this.enableRemove)
				.enableCache(this.cacheEnabled)
				.cacheTtl(this.cacheTtl)
				.build();
		}

	}

}
