/**
 * Annotations that turn plain classes into PURISTA services: {@link dev.purista.core.annotation.PuristaService}
 * with {@link dev.purista.core.annotation.Command}, {@link dev.purista.core.annotation.Subscription} and
 * {@link dev.purista.core.annotation.QueueWorker} methods, and {@link dev.purista.core.annotation.PuristaClient}
 * interfaces for typed invocation.
 */
@NullMarked
package dev.purista.core.annotation;

import org.jspecify.annotations.NullMarked;
