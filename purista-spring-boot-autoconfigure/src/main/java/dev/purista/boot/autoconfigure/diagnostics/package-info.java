/**
 * Start-up diagnostics shared by PURISTA's starters: a broker that cannot be reached, refuses the credentials
 * or does not accept another connection setting ends the start with one failure analysis naming the technology, the address tried, the property
 * that sets it and an example value. A starter contributes a {@link BrokerConnectionFailureDescriber} bean that
 * recognises its client's exceptions.
 */
@NullMarked
package dev.purista.boot.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
