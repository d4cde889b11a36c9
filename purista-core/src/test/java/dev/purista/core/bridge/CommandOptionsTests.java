package dev.purista.core.bridge;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandOptionsTests {

	@Test
	void defaultsArePuristasNotDurableAutoAcknowledgedNoMetadata() {
		CommandOptions options = CommandOptions.builder().build();

		assertThat(options.durable()).isFalse();
		assertThat(options.autoacknowledge()).isTrue();
		assertThat(options.metadata()).isNull();
		assertThat(CommandOptions.DEFAULTS).isEqualTo(options).hasSameHashCodeAs(options);
	}

	@Test
	void durableLandsOnDurableOnly() {
		CommandOptions options = CommandOptions.builder().durable(true).build();

		assertThat(options.durable()).isTrue();
		assertThat(options.autoacknowledge()).isTrue();
		assertThat(options.metadata()).isNull();
	}

	@Test
	void autoacknowledgeLandsOnAutoacknowledgeOnly() {
		CommandOptions options = CommandOptions.builder().autoacknowledge(false).build();

		assertThat(options.autoacknowledge()).isFalse();
		assertThat(options.durable()).isFalse();
		assertThat(options.metadata()).isNull();
	}

	@Test
	void metadataLandsOnMetadataOnly() {
		Map<String, Object> metadata = Map.of("expose", Map.of());

		CommandOptions options = CommandOptions.builder().metadata(metadata).build();

		assertThat(options.metadata()).isSameAs(metadata);
		assertThat(options.durable()).isFalse();
		assertThat(options.autoacknowledge()).isTrue();
	}

	@Test
	void equalsHashCodeAndToStringCoverEveryField() {
		CommandOptions options = CommandOptions.builder().durable(true).autoacknowledge(false).metadata("m").build();

		assertThat(options).isEqualTo(CommandOptions.builder().durable(true).autoacknowledge(false).metadata("m").build())
			.hasSameHashCodeAs(CommandOptions.builder().durable(true).autoacknowledge(false).metadata("m").build());
		assertThat(options).isNotEqualTo(CommandOptions.builder().autoacknowledge(false).metadata("m").build())
			.isNotEqualTo(CommandOptions.builder().durable(true).metadata("m").build())
			.isNotEqualTo(CommandOptions.builder().durable(true).autoacknowledge(false).metadata("n").build());
		assertThat(options).hasToString("CommandOptions[durable=true, autoacknowledge=false, metadata=m]");
	}

}
