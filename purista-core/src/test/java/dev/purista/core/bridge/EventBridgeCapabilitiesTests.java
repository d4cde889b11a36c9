package dev.purista.core.bridge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class EventBridgeCapabilitiesTests {

	/** Each builder setter with the accessor it must land on, by the accessor's name. */
	private static final Map<String, Flag> FLAGS = flags();

	@Test
	void everyCapabilityIsNotSupportedUntilNamed() {
		EventBridgeCapabilities capabilities = EventBridgeCapabilities.builder("in-memory").build();

		FLAGS.forEach((name, flag) -> assertThat(flag.accessor().test(capabilities)).as(name).isFalse());
		assertThat(capabilities.transport()).isEqualTo("in-memory");
	}

	@Test
	void eachSetterLandsOnItsOwnAccessorOnly() {
		FLAGS.forEach((set, flag) -> {
			EventBridgeCapabilities capabilities = flag.setter()
				.apply(EventBridgeCapabilities.builder("reply-queue"), true)
				.build();
			FLAGS.forEach((read, other) -> assertThat(other.accessor().test(capabilities))
				.as("%s after setting %s", read, set)
				.isEqualTo(read.equals(set)));
		});
	}

	@Test
	void aSetterCanTurnACapabilityOffAgain() {
		FLAGS.forEach((name, flag) -> {
			EventBridgeCapabilities.Builder builder = flag.setter()
				.apply(EventBridgeCapabilities.builder("reply-queue"), true);
			assertThat(flag.accessor().test(flag.setter().apply(builder, false).build())).as(name).isFalse();
		});
	}

	@Test
	void equalsHashCodeAndToStringCoverEveryField() {
		EventBridgeCapabilities base = EventBridgeCapabilities.builder("in-memory").build();
		assertThat(EventBridgeCapabilities.builder("in-memory").build()).isEqualTo(base).hasSameHashCodeAs(base);
		assertThat(EventBridgeCapabilities.builder("reply-queue").build()).isNotEqualTo(base);
		FLAGS.forEach((name, flag) -> {
			EventBridgeCapabilities changed = flag.setter().apply(EventBridgeCapabilities.builder("in-memory"), true)
				.build();
			assertThat(changed).as(name).isNotEqualTo(base);
			assertThat(changed.toString()).as(name).contains(name + "=true");
		});
		assertThat(base.toString()).isEqualTo("EventBridgeCapabilities[supportsStreams=false, durableCommands=false, "
				+ "durableSubscriptions=false, manualAckSupported=false, gracefulDrainSupported=false, "
				+ "nativeDeadLettering=false, subscriptionRetries=false, transport=in-memory]");
	}

	@Test
	void writesAccessorNamesAsJsonKeys() {
		EventBridgeCapabilities capabilities = EventBridgeCapabilities.builder("reply-queue")
			.durableSubscriptions(true)
			.build();

		JsonNode json = JsonMapper.builder().build().valueToTree(capabilities);

		assertThat(json.propertyNames()).containsExactlyInAnyOrderElementsOf(
				java.util.stream.Stream.concat(FLAGS.keySet().stream(), java.util.stream.Stream.of("transport")).toList());
		assertThat(json.get("durableSubscriptions").asBoolean()).isTrue();
		assertThat(json.get("durableCommands").asBoolean()).isFalse();
		assertThat(json.get("transport").asString()).isEqualTo("reply-queue");
	}

	@Test
	void transportIsRequired() {
		assertThatNullPointerException().isThrownBy(() -> EventBridgeCapabilities.builder(null));
	}

	private static Map<String, Flag> flags() {
		Map<String, Flag> flags = new LinkedHashMap<>();
		flags.put("supportsStreams",
				new Flag(EventBridgeCapabilities.Builder::supportsStreams, EventBridgeCapabilities::supportsStreams));
		flags.put("durableCommands",
				new Flag(EventBridgeCapabilities.Builder::durableCommands, EventBridgeCapabilities::durableCommands));
		flags.put("durableSubscriptions", new Flag(EventBridgeCapabilities.Builder::durableSubscriptions,
				EventBridgeCapabilities::durableSubscriptions));
		flags.put("manualAckSupported", new Flag(EventBridgeCapabilities.Builder::manualAckSupported,
				EventBridgeCapabilities::manualAckSupported));
		flags.put("gracefulDrainSupported", new Flag(EventBridgeCapabilities.Builder::gracefulDrainSupported,
				EventBridgeCapabilities::gracefulDrainSupported));
		flags.put("nativeDeadLettering", new Flag(EventBridgeCapabilities.Builder::nativeDeadLettering,
				EventBridgeCapabilities::nativeDeadLettering));
		flags.put("subscriptionRetries", new Flag(EventBridgeCapabilities.Builder::subscriptionRetries,
				EventBridgeCapabilities::subscriptionRetries));
		return flags;
	}

	record Flag(BiFunction<EventBridgeCapabilities.Builder, Boolean, EventBridgeCapabilities.Builder> setter,
			Predicate<EventBridgeCapabilities> accessor) {
	}

}
