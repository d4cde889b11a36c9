/**
 * Finds the real broker an integration test runs against: {@link dev.purista.test.broker.BrokerResolution}
 * takes the address from a {@code PURISTA_TEST_<BROKER>_URL} variable (what {@code scripts/brokers.sh start}
 * prints), else starts a container with Testcontainers when Docker is available, else skips the test with
 * the reason, or fails it when {@code PURISTA_REQUIRE_BROKERS=true}. {@link dev.purista.test.broker.TcpProxy}
 * stands between a client and such a broker so that a test can cut the connection without stopping the broker.
 */
@NullMarked
package dev.purista.test.broker;

import org.jspecify.annotations.NullMarked;
