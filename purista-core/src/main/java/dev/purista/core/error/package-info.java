/**
 * PURISTA's status codes and the exception hierarchy rooted at {@link dev.purista.core.error.PuristaException}.
 */
@NullMarked
package dev.purista.core.error;

import org.jspecify.annotations.NullMarked;
