package dev.purista.test.otlp;

import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenTelemetry's own OTLP/HTTP exporter (the one {@code spring-boot-starter-opentelemetry} brings) exports to an
 * {@link OtlpHttpReceiver}, which reads back every span with its ids, parent, name, kind, attributes, links,
 * resource and scope, uncompressed and gzip-compressed.
 */
class OtlpHttpReceiverTests {

	private final OtlpHttpReceiver receiver = OtlpHttpReceiver.start();

	@AfterEach
	void close() {
		this.receiver.close();
	}

	@Test
	void receivesTheSpansOfAnOtlpHttpExporter() {
		exportTwoSpans("none");
	}

	@Test
	void receivesGzipCompressedSpans() {
		exportTwoSpans("gzip");
	}

	private void exportTwoSpans(String compression) {
		OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
			.setEndpoint(this.receiver.tracesEndpoint())
			.setCompression(compression)
			.build();
		SdkTracerProvider provider = SdkTracerProvider.builder()
			.setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "user")))
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build();
		Tracer tracer = provider.get("receiver-test");
		Span parent = tracer.spanBuilder("purista.command.invoke").setSpanKind(SpanKind.PRODUCER).startSpan();
		Span other = tracer.spanBuilder("other").startSpan();
		Span child = tracer.spanBuilder("purista.command.handle")
			.setParent(Context.root().with(parent))
			.setSpanKind(SpanKind.CONSUMER)
			.setAttribute("purista.target", "signUp")
			.setAttribute("attempt", 2L)
			.setAttribute("retry", true)
			.addLink(other.getSpanContext())
			.startSpan();
		child.end();
		parent.end();
		assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
		provider.shutdown().join(10, TimeUnit.SECONDS);

		String traceId = parent.getSpanContext().getTraceId();
		assertThat(this.receiver.spans(traceId)).hasSize(2);
		ReceivedSpan handle = named("purista.command.handle");
		assertThat(handle.traceId()).isEqualTo(traceId);
		assertThat(handle.spanId()).isEqualTo(child.getSpanContext().getSpanId());
		assertThat(handle.parentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
		assertThat(handle.name()).isEqualTo("purista.command.handle");
		assertThat(handle.kind()).isEqualTo(5);
		assertThat(handle.attributes()).containsEntry("purista.target", "signUp")
			.containsEntry("attempt", "2")
			.containsEntry("retry", "true");
		assertThat(handle.links()).containsExactly(
				new ReceivedSpan.Link(other.getSpanContext().getTraceId(), other.getSpanContext().getSpanId()));
		assertThat(handle.serviceName()).isEqualTo("user");
		assertThat(handle.scopeName()).isEqualTo("receiver-test");
		ReceivedSpan invoke = named("purista.command.invoke");
		assertThat(invoke.parentSpanId()).isNull();
		assertThat(invoke.kind()).isEqualTo(4);
	}

	private ReceivedSpan named(String name) {
		return this.receiver.spans().stream().filter((span) -> span.name().equals(name)).findFirst().orElseThrow();
	}

}
