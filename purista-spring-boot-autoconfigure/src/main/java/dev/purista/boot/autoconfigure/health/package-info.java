/**
 * Auto-configuration of PURISTA's health contributor.
 */
@NullMarked
package dev.purista.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
