package dev.purista.boot.health;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class StoreHealthIndicatorTests {

	@Test
	void healthyStoreIsUpWithNameAndType() {
		StoreHealthIndicator indicator = new StoreHealthIndicator(() -> "RedisStateStore", () -> true, "redis");
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		assertThat(indicator.health().getDetails()).containsEntry("name", "RedisStateStore")
			.containsEntry("type", "redis");
	}

	@Test
	void unhealthyStoreIsDown() {
		StoreHealthIndicator indicator = new StoreHealthIndicator(() -> "RedisStateStore", () -> false, "redis");
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(indicator.health().getDetails()).containsEntry("name", "RedisStateStore");
	}

}
