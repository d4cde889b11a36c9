/**
 * The cold-start run of the serverless sample: first response of the packaged function under the real Lambda
 * runtime interface client, per JVM configuration ({@code benchmarks/README.md}, "Cold start").
 */
@NullMarked
package dev.purista.benchmarks.coldstart;

import org.jspecify.annotations.NullMarked;
