/**
 * A local OTLP/HTTP trace receiver for tests: {@link dev.purista.test.otlp.OtlpHttpReceiver} stands in for an
 * OpenTelemetry collector's {@code otlp} HTTP receiver, accepts the protobuf {@code POST /v1/traces} requests an
 * OTLP exporter sends and keeps the spans in memory as {@link dev.purista.test.otlp.ReceivedSpan}s, so that a
 * test can assert what a process exported. It forwards nothing.
 */
@NullMarked
package dev.purista.test.otlp;

import org.jspecify.annotations.NullMarked;
