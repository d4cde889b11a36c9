/**
 * The sample's User service: sign-up and lookup of users.
 */
@NullMarked
package dev.purista.sample.user;

import org.jspecify.annotations.NullMarked;
