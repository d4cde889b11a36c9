/**
 * PURISTA commands as AWS Lambda functions: {@link dev.purista.aws.lambda.PuristaLambdaHandler}.
 */
@NullMarked
package dev.purista.aws.lambda;

import org.jspecify.annotations.NullMarked;
