/**
 * Test support for AWS: {@link dev.purista.test.aws.SecretsManagerEmulator}, a local emulator (not AWS) of
 * the Secrets Manager JSON 1.1 protocol that the real AWS SDK client talks to, with fault injection.
 */
@NullMarked
package dev.purista.test.aws;

import org.jspecify.annotations.NullMarked;
