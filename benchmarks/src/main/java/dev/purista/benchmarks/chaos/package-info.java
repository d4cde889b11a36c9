/**
 * A repeatable fault run of the microservice sample: one user and two email processes of the
 * {@code sample-microservice} fat jar on RabbitMQ and Redis of {@code scripts/brokers.sh}, a bounded sign-up
 * load, one fault per scenario, and a row per fault of what the callers saw and what happened to the welcome
 * mails. Run it with {@code benchmarks/chaos/run.sh} (see {@code benchmarks/README.md}, "Fault run").
 */
@NullMarked
package dev.purista.benchmarks.chaos;

import org.jspecify.annotations.NullMarked;
