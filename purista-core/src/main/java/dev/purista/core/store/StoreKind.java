package dev.purista.core.store;

/**
 * The three kinds of PURISTA store, with the words PURISTA uses for them in messages and observations.
 */
public enum StoreKind {

	/** A {@link StateStore}. */
	STATE("state", "StateStore"),

	/** A {@link ConfigStore}. */
	CONFIG("config", "ConfigStore"),

	/** A {@link SecretStore}. */
	SECRET("secret", "SecretStore");

	private final String noun;

	private final String typeName;

	StoreKind(String noun, String typeName) {
		this.noun = noun;
		this.typeName = typeName;
	}

	/**
	 * The word PURISTA uses for an entry of this kind in error messages, e.g. {@code state}.
	 * @return the noun
	 */
	public String noun() {
		return this.noun;
	}

	/**
	 * The store type as PURISTA names it in the {@code purista.store.type} attribute, e.g. {@code StateStore}.
	 * @return the type name
	 */
	public String typeName() {
		return this.typeName;
	}

}
