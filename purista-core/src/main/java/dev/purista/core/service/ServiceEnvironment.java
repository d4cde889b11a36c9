package dev.purista.core.service;

import java.util.Objects;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.purista.core.bridge.EventBridge;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.store.ConfigStore;
import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StateStore;
import dev.purista.core.validation.JsonSchemas;
import dev.purista.core.validation.PayloadValidator;

/**
 * The infrastructure services run on: one event bridge, optionally a queue bridge, the stores, and the shared
 * codec, validator, schema generator and observation registry. Switching deployments means switching the
 * environment, never the services.
 *
 * @param eventBridge the event bridge
 * @param queueBridge the queue bridge, or {@code null} when no service uses queues
 * @param stateStore the state store
 * @param configStore the config store
 * @param secretStore the secret store
 * @param codec the codec
 * @param validator the payload validator
 * @param schemas the JSON Schema generator
 * @param observationRegistry the observation registry ({@code ObservationRegistry.NOOP} for none)
 */
public record ServiceEnvironment(EventBridge eventBridge, @Nullable QueueBridge queueBridge, StateStore stateStore,
		ConfigStore configStore, SecretStore secretStore, MessageCodec codec, PayloadValidator validator,
		JsonSchemas schemas, ObservationRegistry observationRegistry) {

	public ServiceEnvironment {
		Objects.requireNonNull(eventBridge, "eventBridge");
		Objects.requireNonNull(stateStore, "stateStore");
		Objects.requireNonNull(configStore, "configStore");
		Objects.requireNonNull(secretStore, "secretStore");
		Objects.requireNonNull(codec, "codec");
		Objects.requireNonNull(validator, "validator");
		Objects.requireNonNull(schemas, "schemas");
		Objects.requireNonNull(observationRegistry, "observationRegistry");
	}

	/**
	 * Start building an environment around an event bridge; unset parts take in-memory defaults.
	 * @param eventBridge the event bridge
	 * @return the builder
	 */
	public static Builder builder(EventBridge eventBridge) {
		return new Builder(eventBridge);
	}

	/**
	 * Builds a {@link ServiceEnvironment}.
	 */
	public static final class Builder {

		private final EventBridge eventBridge;

		private @Nullable QueueBridge queueBridge;

		private @Nullable StateStore stateStore;

		private @Nullable ConfigStore configStore;

		private @Nullable SecretStore secretStore;

		private @Nullable MessageCodec codec;

		private @Nullable PayloadValidator validator;

		private @Nullable JsonSchemas schemas;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private Builder(EventBridge eventBridge) {
			this.eventBridge = eventBridge;
		}

		/**
		 * Use a queue bridge.
		 * @param queueBridge the queue bridge
		 * @return this builder
		 */
		public Builder queueBridge(@Nullable QueueBridge queueBridge) {
			this.queueBridge = queueBridge;
			return this;
		}

		/**
		 * Use a state store.
		 * @param stateStore the store
		 * @return this builder
		 */
		public Builder stateStore(StateStore stateStore) {
			this.stateStore = stateStore;
			return this;
		}

		/**
		 * Use a config store.
		 * @param configStore the store
		 * @return this builder
		 */
		public Builder configStore(ConfigStore configStore) {
			this.configStore = configStore;
			return this;
		}

		/**
		 * Use a secret store.
		 * @param secretStore the store
		 * @return this builder
		 */
		public Builder secretStore(SecretStore secretStore) {
			this.secretStore = secretStore;
			return this;
		}

		/**
		 * Use a codec.
		 * @param codec the codec
		 * @return this builder
		 */
		public Builder codec(MessageCodec codec) {
			this.codec = codec;
			return this;
		}

		/**
		 * Use a validator.
		 * @param validator the validator
		 * @return this builder
		 */
		public Builder validator(PayloadValidator validator) {
			this.validator = validator;
			return this;
		}

		/**
		 * Use a schema generator.
		 * @param schemas the generator
		 * @return this builder
		 */
		public Builder schemas(JsonSchemas schemas) {
			this.schemas = schemas;
			return this;
		}

		/**
		 * Use an observation registry.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * Build the environment.
		 * @return the environment
		 */
		public ServiceEnvironment build() {
			MessageCodec codec = (this.codec != null) ? this.codec : new MessageCodec();
			PayloadValidator validator = (this.validator != null) ? this.validator : new PayloadValidator(codec);
			JsonSchemas schemas = (this.schemas != null) ? this.schemas : new JsonSchemas();
			StateStore stateStore = (this.stateStore != null) ? this.stateStore : DefaultStores.stateStore(codec);
			ConfigStore configStore = (this.configStore != null) ? this.configStore : DefaultStores.configStore(codec);
			SecretStore secretStore = (this.secretStore != null) ? this.secretStore : DefaultStores.secretStore();
			return new ServiceEnvironment(this.eventBridge, this.queueBridge, stateStore, configStore, secretStore,
					codec, validator, schemas, this.observationRegistry);
		}

	}

}
