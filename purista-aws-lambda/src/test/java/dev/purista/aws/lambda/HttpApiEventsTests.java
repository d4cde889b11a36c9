package dev.purista.aws.lambda;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link HttpApiEvents} reads the path of an HTTP API event.
 */
class HttpApiEventsTests {

	@Test
	void stagePrefixIsStrippedOnlyForANamedStageAndOnlyAsAWholeSegment() {
		assertThat(HttpApiEvents.withoutStage("/prod/api/v1/user", "prod")).isEqualTo("/api/v1/user");
		assertThat(HttpApiEvents.withoutStage("/prod", "prod")).isEqualTo("/");
		assertThat(HttpApiEvents.withoutStage("/production/api", "prod")).isEqualTo("/production/api");
		assertThat(HttpApiEvents.withoutStage("/api/v1/user", "prod")).isEqualTo("/api/v1/user");
		assertThat(HttpApiEvents.withoutStage("/$default/api", "$default")).isEqualTo("/$default/api");
		assertThat(HttpApiEvents.withoutStage("/api/v1/user", "")).isEqualTo("/api/v1/user");
	}

}
