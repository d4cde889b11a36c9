package dev.purista.core.bridge;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Delivery options of a command registration (PURISTA's command {@code eventBridgeConfig}) and its metadata for
 * {@code infoServiceFunctionAdded}. Built with {@link #builder()}, which starts from PURISTA's defaults (not
 * durable, auto-acknowledged, no metadata):
 * <pre class="code">
 * CommandOptions.builder().durable(true).autoacknowledge(false).metadata(metadata).build();
 * </pre>
 * Immutable.
 */
public final class CommandOptions {

	/** PURISTA's defaults: not durable, auto-acknowledged, no metadata. */
	public static final CommandOptions DEFAULTS = builder().build();

	private final boolean durable;

	private final boolean autoacknowledge;

	private final @Nullable Object metadata;

	private CommandOptions(Builder builder) {
		this.durable = builder.durable;
		this.autoacknowledge = builder.autoacknowledge;
		this.metadata = builder.metadata;
	}

	/**
	 * Start building options from PURISTA's defaults: not durable, auto-acknowledged, no metadata.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Whether commands survive a broker restart (bridges that support it).
	 * @return {@code true} when durable
	 */
	public boolean durable() {
		return this.durable;
	}

	/**
	 * Whether commands are acknowledged on receipt rather than after handling.
	 * @return {@code true} when acknowledged on receipt
	 */
	public boolean autoacknowledge() {
		return this.autoacknowledge;
	}

	/**
	 * The command metadata (the {@code infoServiceFunctionAdded} payload).
	 * @return the metadata, or {@code null}
	 */
	public @Nullable Object metadata() {
		return this.metadata;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof CommandOptions that)) {
			return false;
		}
		return this.durable == that.durable && this.autoacknowledge == that.autoacknowledge
				&& Objects.equals(this.metadata, that.metadata);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.durable, this.autoacknowledge, this.metadata);
	}

	@Override
	public String toString() {
		return "CommandOptions[durable=" + this.durable + ", autoacknowledge=" + this.autoacknowledge + ", metadata="
				+ this.metadata + "]";
	}

	/**
	 * Builds {@link CommandOptions}; each setter is named after the accessor it sets. Not thread-safe.
	 */
	public static final class Builder {

		private boolean durable;

		private boolean autoacknowledge = true;

		private @Nullable Object metadata;

		private Builder() {
		}

		/**
		 * Set whether commands survive a broker restart (default {@code false}).
		 * @param durable whether durable
		 * @return this builder
		 */
		public Builder durable(boolean durable) {
			this.durable = durable;
			return this;
		}

		/**
		 * Set whether commands are acknowledged on receipt rather than after handling (default {@code true}).
		 * @param autoacknowledge whether acknowledged on receipt
		 * @return this builder
		 */
		public Builder autoacknowledge(boolean autoacknowledge) {
			this.autoacknowledge = autoacknowledge;
			return this;
		}

		/**
		 * Set the command metadata (the {@code infoServiceFunctionAdded} payload; default none).
		 * @param metadata the metadata, or {@code null}
		 * @return this builder
		 */
		public Builder metadata(@Nullable Object metadata) {
			this.metadata = metadata;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public CommandOptions build() {
			return new CommandOptions(this);
		}

	}

}
