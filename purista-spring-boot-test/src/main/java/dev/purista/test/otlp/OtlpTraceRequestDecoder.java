package dev.purista.test.otlp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads the protobuf encoding of OTLP's {@code ExportTraceServiceRequest}
 * ({@code opentelemetry/proto/collector/trace/v1/trace_service.proto}) into {@link ReceivedSpan}s: only the fields
 * a test asserts (ids, name, kind, attributes, links, resource attributes, scope name); everything else is skipped
 * by its wire type.
 */
final class OtlpTraceRequestDecoder {

	private static final int VARINT = 0;

	private static final int FIXED64 = 1;

	private static final int LENGTH_DELIMITED = 2;

	private static final int FIXED32 = 5;

	private static final HexFormat HEX = HexFormat.of();

	private OtlpTraceRequestDecoder() {
	}

	/**
	 * Decode a request body.
	 * @param body the protobuf bytes
	 * @return the spans, in the order of the request
	 * @throws IllegalArgumentException if the bytes are not a well-formed protobuf message
	 */
	static List<ReceivedSpan> decode(byte[] body) {
		List<ReceivedSpan> spans = new ArrayList<>();
		Reader request = new Reader(body, 0, body.length);
		while (request.hasMore()) {
			int tag = request.tag();
			if (field(tag) == 1 && wireType(tag) == LENGTH_DELIMITED) {
				resourceSpans(request.message(), spans);
			}
			else {
				request.skip(wireType(tag));
			}
		}
		return spans;
	}

	private static void resourceSpans(Reader reader, List<ReceivedSpan> spans) {
		Map<String, String> resource = new LinkedHashMap<>();
		List<Reader> scopes = new ArrayList<>();
		while (reader.hasMore()) {
			int tag = reader.tag();
			if (field(tag) == 1 && wireType(tag) == LENGTH_DELIMITED) {
				Reader resourceReader = reader.message();
				while (resourceReader.hasMore()) {
					int resourceTag = resourceReader.tag();
					if (field(resourceTag) == 1 && wireType(resourceTag) == LENGTH_DELIMITED) {
						keyValue(resourceReader.message(), resource);
					}
					else {
						resourceReader.skip(wireType(resourceTag));
					}
				}
			}
			else if (field(tag) == 2 && wireType(tag) == LENGTH_DELIMITED) {
				scopes.add(reader.message());
			}
			else {
				reader.skip(wireType(tag));
			}
		}
		for (Reader scope : scopes) {
			scopeSpans(scope, Map.copyOf(resource), spans);
		}
	}

	private static void scopeSpans(Reader reader, Map<String, String> resource, List<ReceivedSpan> spans) {
		String scopeName = "";
		List<Reader> spanReaders = new ArrayList<>();
		while (reader.hasMore()) {
			int tag = reader.tag();
			if (field(tag) == 1 && wireType(tag) == LENGTH_DELIMITED) {
				Reader scope = reader.message();
				while (scope.hasMore()) {
					int scopeTag = scope.tag();
					if (field(scopeTag) == 1 && wireType(scopeTag) == LENGTH_DELIMITED) {
						scopeName = scope.string();
					}
					else {
						scope.skip(wireType(scopeTag));
					}
				}
			}
			else if (field(tag) == 2 && wireType(tag) == LENGTH_DELIMITED) {
				spanReaders.add(reader.message());
			}
			else {
				reader.skip(wireType(tag));
			}
		}
		for (Reader span : spanReaders) {
			spans.add(span(span, resource, scopeName));
		}
	}

	private static ReceivedSpan span(Reader reader, Map<String, String> resource, String scopeName) {
		String traceId = "";
		String spanId = "";
		String parentSpanId = null;
		String name = "";
		int kind = 0;
		Map<String, String> attributes = new LinkedHashMap<>();
		List<ReceivedSpan.Link> links = new ArrayList<>();
		while (reader.hasMore()) {
			int tag = reader.tag();
			switch (field(tag)) {
				case 1 -> traceId = reader.hex();
				case 2 -> spanId = reader.hex();
				case 4 -> parentSpanId = reader.hex();
				case 5 -> name = reader.string();
				case 6 -> kind = (int) reader.varint();
				case 9 -> keyValue(reader.message(), attributes);
				case 13 -> links.add(link(reader.message()));
				default -> reader.skip(wireType(tag));
			}
		}
		return new ReceivedSpan(traceId, spanId, (parentSpanId == null || parentSpanId.isEmpty()) ? null : parentSpanId,
				name, kind, Map.copyOf(attributes), List.copyOf(links), resource, scopeName);
	}

	private static ReceivedSpan.Link link(Reader reader) {
		String traceId = "";
		String spanId = "";
		while (reader.hasMore()) {
			int tag = reader.tag();
			switch (field(tag)) {
				case 1 -> traceId = reader.hex();
				case 2 -> spanId = reader.hex();
				default -> reader.skip(wireType(tag));
			}
		}
		return new ReceivedSpan.Link(traceId, spanId);
	}

	private static void keyValue(Reader reader, Map<String, String> into) {
		String key = null;
		String value = null;
		while (reader.hasMore()) {
			int tag = reader.tag();
			if (field(tag) == 1 && wireType(tag) == LENGTH_DELIMITED) {
				key = reader.string();
			}
			else if (field(tag) == 2 && wireType(tag) == LENGTH_DELIMITED) {
				value = anyValue(reader.message());
			}
			else {
				reader.skip(wireType(tag));
			}
		}
		if (key != null && value != null) {
			into.put(key, value);
		}
	}

	private static @Nullable String anyValue(Reader reader) {
		String value = null;
		while (reader.hasMore()) {
			int tag = reader.tag();
			switch (field(tag)) {
				case 1 -> value = reader.string();
				case 2 -> value = Boolean.toString(reader.varint() != 0);
				case 3 -> value = Long.toString(reader.varint());
				default -> reader.skip(wireType(tag));
			}
		}
		return value;
	}

	private static int field(int tag) {
		return tag >>> 3;
	}

	private static int wireType(int tag) {
		return tag & 7;
	}

	/**
	 * A cursor over one protobuf message inside a byte array.
	 */
	private static final class Reader {

		private final byte[] bytes;

		private final int limit;

		private int position;

		Reader(byte[] bytes, int offset, int limit) {
			this.bytes = bytes;
			this.position = offset;
			this.limit = limit;
		}

		boolean hasMore() {
			return this.position < this.limit;
		}

		int tag() {
			return (int) varint();
		}

		long varint() {
			long result = 0;
			for (int shift = 0; shift < 64; shift += 7) {
				byte b = next();
				result |= (long) (b & 0x7F) << shift;
				if ((b & 0x80) == 0) {
					return result;
				}
			}
			throw new IllegalArgumentException("malformed varint");
		}

		Reader message() {
			int length = length();
			Reader reader = new Reader(this.bytes, this.position, this.position + length);
			this.position += length;
			return reader;
		}

		String string() {
			int length = length();
			String value = new String(this.bytes, this.position, length, StandardCharsets.UTF_8);
			this.position += length;
			return value;
		}

		String hex() {
			int length = length();
			String value = HEX.formatHex(this.bytes, this.position, this.position + length);
			this.position += length;
			return value;
		}

		void skip(int wireType) {
			switch (wireType) {
				case VARINT -> varint();
				case FIXED64 -> advance(8);
				case LENGTH_DELIMITED -> advance(length());
				case FIXED32 -> advance(4);
				default -> throw new IllegalArgumentException("unsupported wire type " + wireType);
			}
		}

		private int length() {
			long length = varint();
			if (length < 0 || this.position + length > this.limit) {
				throw new IllegalArgumentException("length " + length + " exceeds the message");
			}
			return (int) length;
		}

		private void advance(int count) {
			if (this.position + count > this.limit) {
				throw new IllegalArgumentException("field exceeds the message");
			}
			this.position += count;
		}

		private byte next() {
			if (this.position >= this.limit) {
				throw new IllegalArgumentException("truncated message");
			}
			return this.bytes[this.position++];
		}

	}

}
