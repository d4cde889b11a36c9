/**
 * Auto-configuration of the AWS starter: the secret store selected with {@code purista.secret-store.type=aws}
 * on the Secrets Manager client Spring Cloud AWS configures.
 */
@NullMarked
package dev.purista.aws.autoconfigure;

import org.jspecify.annotations.NullMarked;
