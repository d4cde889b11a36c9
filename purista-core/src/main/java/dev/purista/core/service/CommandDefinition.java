package dev.purista.core.service;

import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A command of a service: types, pipeline hooks, handler and metadata.
 *
 * @param name the command name
 * @param description a description
 * @param payloadType the payload type ({@code Object} accepts any JSON)
 * @param parameterType the parameter type
 * @param outputType the result type ({@code Void} for none)
 * @param successEventName the success event, or {@code null}
 * @param inputTransform the input transformation, or {@code null}
 * @param beforeGuards before guards by name, run in this map's iteration order
 * @param handler the business logic
 * @param afterGuards after guards by name, in order
 * @param outputTransform the output transformation, or {@code null}
 * @param emits events the handler may emit, with payload types
 * @param http HTTP exposure, or {@code null}
 * @param deprecated whether the command is deprecated
 */
public record CommandDefinition(String name, String description, Type payloadType, Type parameterType,
		Type outputType, @Nullable String successEventName, @Nullable InputTransform inputTransform,
		Map<String, CommandGuard<Object, Object>> beforeGuards, CommandFunction<Object, Object, Object> handler,
		Map<String, CommandAfterGuard<Object, Object, Object>> afterGuards, @Nullable OutputTransform outputTransform,
		Map<String, Type> emits, @Nullable HttpExposure http, boolean deprecated) {

	public CommandDefinition {
		beforeGuards = Collections.unmodifiableMap(new LinkedHashMap<>(beforeGuards));
		afterGuards = Collections.unmodifiableMap(new LinkedHashMap<>(afterGuards));
		emits = Map.copyOf(emits);
	}

	/**
	 * The names of the declared events.
	 * @return the event names
	 */
	public List<String> emittedEvents() {
		return List.copyOf(this.emits.keySet());
	}

}
