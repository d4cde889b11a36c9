/**
 * Test support for AWS Lambda functions, without AWS or Docker:
 * {@link dev.purista.test.lambda.LambdaRuntimeApiEmulator}, a local emulator (not AWS) of the Lambda Runtime API,
 * and {@link dev.purista.test.lambda.LambdaFunctionProcess}, which runs a handler under AWS's real runtime
 * interface client ({@code com.amazonaws:aws-lambda-java-runtime-interface-client}) in a child JVM against it.
 */
@NullMarked
package dev.purista.test.lambda;

import org.jspecify.annotations.NullMarked;
