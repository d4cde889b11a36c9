/**
 * The sample services deployed serverless: the User commands as AWS Lambda functions
 * ({@link dev.purista.sample.serverless.SampleFunctionApplication}) and the Email worker as a long-lived process
 * ({@link dev.purista.sample.serverless.SampleEmailWorkerApplication}), joined by the Redis queue.
 */
@NullMarked
package dev.purista.sample.serverless;

import org.jspecify.annotations.NullMarked;
