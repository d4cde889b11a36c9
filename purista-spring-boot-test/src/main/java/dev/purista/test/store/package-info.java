/**
 * Contract suites every state, config and secret store must pass: extend
 * {@link dev.purista.test.store.AbstractStateStoreTests}, {@link dev.purista.test.store.AbstractConfigStoreTests}
 * or {@link dev.purista.test.store.AbstractSecretStoreTests} and create the store under test.
 */
@NullMarked
package dev.purista.test.store;

import org.jspecify.annotations.NullMarked;
