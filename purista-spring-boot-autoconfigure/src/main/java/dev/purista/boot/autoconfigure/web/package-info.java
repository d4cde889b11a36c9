/**
 * HTTP exposure of PURISTA commands in Spring MVC applications: routes at
 * {@code <base-path>/v<service version>/<command path>} and an OpenAPI 3.1 document at
 * {@code <base-path>/openapi.json}.
 */
@NullMarked
package dev.purista.boot.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
