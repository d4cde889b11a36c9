/**
 * The sample as microservices: one fat jar, deployed once per service.
 */
@NullMarked
package dev.purista.sample.microservice;

import org.jspecify.annotations.NullMarked;
