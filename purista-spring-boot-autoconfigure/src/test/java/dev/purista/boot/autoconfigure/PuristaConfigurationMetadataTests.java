package dev.purista.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata the build generates for this module
 * ({@code META-INF/spring-configuration-metadata.json}, merged by Boot's configuration processor with
 * {@code additional-spring-configuration-metadata.json}) offers every selectable type of each
 * {@code purista.*.type} key as a value hint, so an IDE completes them.
 */
class PuristaConfigurationMetadataTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	@ParameterizedTest
	@EnumSource(PuristaComponent.class)
	void everyTypeKeyIsDescribedAndHintsEachKnownType(PuristaComponent component) throws IOException {
		JsonNode metadata = generatedMetadata();
		assertThat(names(metadata.get("properties"))).contains(component.property());
		JsonNode hint = find(metadata.get("hints"), component.property());
		assertThat(hint).as("value hints of %s", component.property()).isNotNull();
		List<String> values = new ArrayList<>();
		for (JsonNode value : hint.get("values")) {
			values.add(value.get("value").asString());
			assertThat(value.get("description").asString()).as("description of %s", value.get("value")).isNotBlank();
		}
		assertThat(values).containsExactlyInAnyOrderElementsOf(component.knownTypes());
	}

	/**
	 * The metadata file of this module's own classes, not one of the other jars on the classpath.
	 */
	private static JsonNode generatedMetadata() throws IOException {
		String ownLocation = PuristaProperties.class.getProtectionDomain().getCodeSource().getLocation().toString();
		List<URL> candidates = Collections.list(PuristaProperties.class.getClassLoader().getResources(METADATA));
		URL own = candidates.stream()
			.filter((url) -> url.toString().contains(ownLocation.replaceFirst("^file:", "")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + METADATA + " next to " + ownLocation + " in " + candidates));
		try (InputStream in = own.openStream()) {
			return JsonMapper.builder().build().readTree(in);
		}
	}

	private static List<String> names(JsonNode entries) {
		List<String> names = new ArrayList<>();
		entries.forEach((entry) -> names.add(entry.get("name").asString()));
		return names;
	}

	private static JsonNode find(JsonNode entries, String name) {
		for (JsonNode entry : entries) {
			if (entry.get("name").asString().equals(name)) {
				return entry;
			}
		}
		return null;
	}

}
