/**
 * The sample's Email service: welcome mails queued on sign-up and sent by a queue worker.
 */
@NullMarked
package dev.purista.sample.email;

import org.jspecify.annotations.NullMarked;
