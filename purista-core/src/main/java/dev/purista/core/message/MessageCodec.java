package dev.purista.core.message;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.core.error.MalformedMessageException;
import dev.purista.core.error.PuristaException;

/**
 * Reads and writes PURISTA messages as the JSON TypeScript PURISTA uses: absent fields omitted (never
 * {@code null}), epoch-millisecond timestamps, unknown fields kept on read and written back. Also converts
 * payloads between JSON trees and Java types for handlers.
 * <p>
 * Instances are immutable and thread-safe; share one.
 */
public final class MessageCodec {

	private static final int JAVA_TYPE_CACHE_LIMIT = 1024;

	private final JsonMapper mapper;

	private final ObjectWriter payloadWriter;

	private final ObjectReader messageReader;

	private final boolean payloadCopyExact;

	private final Map<Type, JavaType> javaTypes = new ConcurrentHashMap<>();

	/**
	 * Create a codec with PURISTA's default mapper.
	 */
	public MessageCodec() {
		this(defaultMapper());
	}

	/**
	 * Create a codec with a given mapper (for example one customized by the application).
	 * @param mapper the mapper
	 */
	public MessageCodec(JsonMapper mapper) {
		this.mapper = Objects.requireNonNull(mapper, "mapper");
		// payloads are written as the message writes them: as a property declared Object
		this.payloadWriter = mapper.writerFor(Object.class);
		this.messageReader = mapper.readerFor(Message.class);
		this.payloadCopyExact = !mapper.isEnabled(SerializationFeature.WRAP_ROOT_VALUE)
				&& !mapper.isEnabled(DeserializationFeature.UNWRAP_ROOT_VALUE);
	}

	/**
	 * Return the mapper PURISTA uses by default. Its buffers are recycled per thread
	 * ({@link JsonRecyclerPools#threadLocalPool()}): bridges encode and decode on a few long-lived threads, which then
	 * need not share one pool (Jackson's default, contended with many threads).
	 * @return a new mapper
	 */
	public static JsonMapper defaultMapper() {
		return JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build())
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.addModule(new RecordCreators())
			.build();
	}

	/**
	 * The mapper used for messages and payloads.
	 * @return the mapper
	 */
	public JsonMapper mapper() {
		return this.mapper;
	}

	/**
	 * Return the mapper's type for a Java type. The types of the first 1024 distinct Java types asked for are
	 * kept, so declared payload and result types are resolved once.
	 * @param type the Java type (class or parameterized type)
	 * @return the mapper's type
	 */
	public JavaType javaType(Type type) {
		JavaType javaType = this.javaTypes.get(type);
		if (javaType == null) {
			javaType = this.mapper.constructType(type);
			if (this.javaTypes.size() < JAVA_TYPE_CACHE_LIMIT) {
				this.javaTypes.put(type, javaType);
			}
		}
		return javaType;
	}

	/**
	 * Write a message as UTF-8 JSON.
	 * @param message the message
	 * @return the JSON bytes
	 * @throws PuristaException if the payload cannot be written as JSON
	 */
	public byte[] encode(Message message) {
		try {
			return this.mapper.writeValueAsBytes(message);
		}
		catch (JacksonException ex) {
			throw new PuristaException("message " + message.id() + " (" + message.messageType()
					+ ") cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Write a message as a JSON string.
	 * @param message the message
	 * @return the JSON text
	 */
	public String encodeToString(Message message) {
		return new String(encode(message), StandardCharsets.UTF_8);
	}

	/**
	 * Read a message from UTF-8 JSON.
	 * @param json the JSON bytes
	 * @return the message
	 * @throws MalformedMessageException if the bytes are not a PURISTA message
	 */
	public Message decode(byte[] json) {
		Message message = readDirectly(json);
		return (message != null) ? message : decodeTree(json);
	}

	/**
	 * Read a message in one pass, straight into the records.
	 * @return the message, or {@code null} when the bytes are not one ({@link #decodeTree} then tells why)
	 */
	private @Nullable Message readDirectly(byte[] json) {
		try {
			return this.messageReader.readValue(json);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private Message decodeTree(byte[] json) {
		JsonNode tree;
		try {
			tree = this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new MalformedMessageException("not valid JSON (" + where(ex) + ")", null, ex);
		}
		return decode(tree);
	}

	/**
	 * Read a message from a JSON string.
	 * @param json the JSON text
	 * @return the message
	 * @throws MalformedMessageException if the text is not a PURISTA message
	 */
	public Message decode(String json) {
		return decode(json.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Read a message from a JSON tree.
	 * @param tree the JSON tree
	 * @return the message
	 * @throws MalformedMessageException if the tree is not a PURISTA message
	 */
	public Message decode(JsonNode tree) {
		if (tree == null || !tree.isObject()) {
			throw new MalformedMessageException("not a JSON object", null, null);
		}
		String id = tree.path("id").isString() ? tree.path("id").asString() : null;
		JsonNode type = tree.get("messageType");
		if (type == null || !type.isString()) {
			throw new MalformedMessageException("missing required field 'messageType'", id, null);
		}
		if (MessageType.fromWireName(type.asString()) == null) {
			throw new MalformedMessageException("unknown messageType '" + type.asString() + "'", id, null);
		}
		try {
			return this.mapper.treeToValue(tree, Message.class);
		}
		catch (ValueInstantiationException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new MalformedMessageException(String.valueOf(cause.getMessage()), id, ex);
		}
		catch (InvalidTypeIdException ex) {
			throw new MalformedMessageException("unknown messageType '" + type.asString() + "'", id, ex);
		}
		catch (MismatchedInputException ex) {
			String expected = (ex.getTargetType() != null) ? ex.getTargetType().getSimpleName() : "another type";
			throw new MalformedMessageException("field '" + pathOf(ex) + "' has the wrong shape (expected "
					+ expected + ")", id, ex);
		}
		catch (JacksonException ex) {
			throw new MalformedMessageException("cannot be read (" + ex.getClass().getSimpleName() + ")", id, ex);
		}
	}

	/**
	 * Return the message as a receiver reading it from a broker sees it: equal to
	 * {@code decode(encode(message))}, with every payload a fresh JSON tree, and failing the same way for a
	 * payload that cannot be written as JSON.
	 * @param message the message
	 * @return the copy
	 * @throws PuristaException if the payload cannot be written as JSON
	 */
	public Message copy(Message message) {
		return restore(snapshot(message));
	}

	/**
	 * Write a message's JSON form once, so that any number of independent copies can be restored from it
	 * later, unaffected by changes to the original's payload. Commands and success responses without extension
	 * fields keep only their payload (and parameter) as JSON, since all their other fields are immutable values;
	 * other messages keep their whole JSON form.
	 * @param message the message
	 * @return the snapshot
	 * @throws PuristaException if the payload cannot be written as JSON
	 */
	public Snapshot snapshot(Message message) {
		if (this.payloadCopyExact && message.extensions().isEmpty()) {
			if (message instanceof Command command) {
				CommandPayload payload = command.payload();
				return new Snapshot(command, writePayload(payload.payload(), message),
						writePayload(payload.parameter(), message), null);
			}
			if (message instanceof CommandSuccessResponse response) {
				return new Snapshot(response, writePayload(response.payload(), message), null, null);
			}
		}
		return new Snapshot(null, null, null, encode(message));
	}

	/**
	 * Restore a new, independent copy of a message from its snapshot.
	 * @param snapshot the snapshot
	 * @return the copy
	 */
	public Message restore(Snapshot snapshot) {
		if (snapshot.json != null) {
			return decode(snapshot.json);
		}
		if (snapshot.frame instanceof Command command) {
			return command.withPayload(new CommandPayload(readPayload(snapshot.payload, command),
					readPayload(snapshot.parameter, command)));
		}
		CommandSuccessResponse response = (CommandSuccessResponse) snapshot.frame;
		return response.withPayload(readPayload(snapshot.payload, response));
	}

	private byte @Nullable [] writePayload(@Nullable Object value, Message message) {
		if (value == null) {
			return null;
		}
		try {
			return this.payloadWriter.writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			throw new PuristaException("message " + message.id() + " (" + message.messageType()
					+ ") cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	private @Nullable JsonNode readPayload(byte @Nullable [] json, Message message) {
		if (json == null) {
			return null;
		}
		try {
			return this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new MalformedMessageException("not valid JSON (" + where(ex) + ")", message.id(), ex);
		}
	}

	/**
	 * Where a JSON text broke, without quoting it: messages may carry personal data that must not reach logs.
	 */
	private static String where(JacksonException ex) {
		var location = ex.getLocation();
		return (location != null) ? "at line " + location.getLineNr() + ", column " + location.getColumnNr()
				: "unreadable";
	}

	/**
	 * A message's JSON form, from which independent copies are restored (see {@link #snapshot(Message)}).
	 */
	public static final class Snapshot {

		private final @Nullable Message frame;

		private final byte @Nullable [] payload;

		private final byte @Nullable [] parameter;

		private final byte @Nullable [] json;

		private Snapshot(@Nullable Message frame, byte @Nullable [] payload, byte @Nullable [] parameter,
				byte @Nullable [] json) {
			this.frame = frame;
			this.payload = payload;
			this.parameter = parameter;
			this.json = json;
		}

	}

	/**
	 * Return the JSON tree of a message.
	 * @param message the message
	 * @return the tree
	 */
	public JsonNode toTree(Message message) {
		return this.mapper.valueToTree(message);
	}

	/**
	 * Return a deep JSON copy of a value: what a receiver on a broker would see. Java objects become JSON
	 * trees; a value that cannot be written as JSON fails here as it would on a broker.
	 * @param value the value
	 * @return the JSON tree, or {@code null} for {@code null}
	 * @throws PuristaException if the value cannot be written as JSON
	 */
	public @Nullable JsonNode copyAsJson(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		try {
			return this.mapper.valueToTree(value);
		}
		catch (JacksonException ex) {
			throw new PuristaException("value of type " + value.getClass().getName()
					+ " cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Convert a payload (JSON tree, map or Java object) to a Java type.
	 * @param <T> the target type
	 * @param value the value
	 * @param type the target type
	 * @return the converted value ({@code null} stays {@code null})
	 * @throws IllegalArgumentException if the value does not fit the type
	 */
	@SuppressWarnings("unchecked")
	public <T> @Nullable T convert(@Nullable Object value, JavaType type) {
		if (value == null) {
			return null;
		}
		if (!type.hasGenericTypes() && type.getRawClass().isInstance(value) && !(value instanceof JsonNode)) {
			return (T) value;
		}
		if (value instanceof JsonNode node && node.isNull()) {
			return null;
		}
		return this.mapper.convertValue(value, type);
	}

	/**
	 * Convert a payload (JSON tree, map or Java object) to a Java class.
	 * @param <T> the target type
	 * @param value the value
	 * @param type the target class
	 * @return the converted value ({@code null} stays {@code null})
	 * @throws IllegalArgumentException if the value does not fit the type
	 */
	public <T> @Nullable T convert(@Nullable Object value, Class<T> type) {
		return convert(value, javaType(type));
	}

	private static String pathOf(MismatchedInputException ex) {
		StringBuilder path = new StringBuilder();
		for (var reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

}
