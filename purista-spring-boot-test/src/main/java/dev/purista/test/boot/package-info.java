/**
 * Helpers for tests of Spring Boot wiring: reading the failure analysis of an application that fails to start.
 * Needs {@code spring-boot} and {@code spring-boot-test} on the test class path (optional dependencies here).
 */
@NullMarked
package dev.purista.test.boot;

import org.jspecify.annotations.NullMarked;
