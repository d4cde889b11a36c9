/**
 * Micrometer observations around sending and handling PURISTA messages. W3C trace context travels in the
 * message's {@code otp} field and in broker headers; only {@code micrometer-observation} is needed here, a
 * tracer is wired by the application.
 */
@NullMarked
package dev.purista.core.observation;

import org.jspecify.annotations.NullMarked;
