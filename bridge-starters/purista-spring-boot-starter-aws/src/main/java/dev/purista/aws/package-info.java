/**
 * PURISTA on AWS: {@link dev.purista.aws.AwsSecretStore}, a secret store on AWS Secrets Manager with TypeScript
 * PURISTA's semantics. Works with {@code new}, without Spring.
 */
@NullMarked
package dev.purista.aws;

import org.jspecify.annotations.NullMarked;
