/**
 * Payload validation with Jakarta Bean Validation, reported as PURISTA validation issues, and JSON Schema
 * generation for function metadata.
 */
@NullMarked
package dev.purista.core.validation;

import org.jspecify.annotations.NullMarked;
