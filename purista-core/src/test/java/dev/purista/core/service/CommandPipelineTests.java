package dev.purista.core.service;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.purista.core.error.HandledException;
import dev.purista.core.error.StatusException;
import dev.purista.core.error.StoreUnavailableException;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.MessageType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class CommandPipelineTests {

	private final ServiceTestSupport support = new ServiceTestSupport();

	@AfterEach
	void close() {
		this.support.close();
	}

	record Order(@NotBlank String item, @Max(10) int quantity) {
	}

	record Filter(@NotNull String region) {
	}

	record Total(@NotNull String item, int quantity) {
	}

	@Test
	void stepsRunInPuristaOrderAndSuccessCarriesTheEvent() {
		List<String> steps = new CopyOnWriteArrayList<>();
		this.support.start(ServiceBuilder.service("Shop", "1")
			.command("order")
			.payload(Order.class)
			.parameter(Filter.class)
			.output(Total.class)
			.successEvent("ordered")
			.transformInput(new InputTransform(Object.class, Object.class, (payload, parameter, context) -> {
				steps.add("transformInput");
				return new InputTransform.TransformedInput(payload, Map.of("region", "eu"));
			}))
			.beforeGuard("first", (payload, parameter, context) -> steps.add("beforeGuard:first:" + parameter.region()))
			.beforeGuard("second", (payload, parameter, context) -> steps.add("beforeGuard:second"))
			.afterGuard("after", (result, payload, parameter, context) -> steps.add("afterGuard:" + result.item()))
			.transformOutput(new OutputTransform(Map.class, (result, context) -> {
				steps.add("transformOutput");
				return Map.of("item", ((Total) result).item(), "transformed", true);
			}))
			.handler((payload, parameter, context) -> {
				steps.add("handler");
				return new Total(payload.item(), payload.quantity());
			})
			.build());

		Object result = this.support
			.invoke("Shop", "order", Map.of("item", "tea", "quantity", 2), Map.of(), Map.class, Identity.NONE)
			.join();

		assertThat(steps).containsExactly("transformInput", "beforeGuard:first:eu", "beforeGuard:second", "handler",
				"afterGuard:tea", "transformOutput");
		assertThat(result).isEqualTo(Map.of("item", "tea", "transformed", true));
		await().until(() -> !this.support.carriedOfType(MessageType.COMMAND_SUCCESS_RESPONSE).isEmpty());
		assertThat(this.support.carriedOfType(MessageType.COMMAND_SUCCESS_RESPONSE).get(0).eventName())
			.isEqualTo("ordered");
	}

	@Test
	void invalidPayloadIsHandled400WithIssuesAndHandlerNeverRuns() {
		List<String> calls = new CopyOnWriteArrayList<>();
		startOrderService(calls);

		StatusException error = failure(this.support.invoke("Shop", "order", Map.of("item", "", "quantity", 11),
				Map.of("region", "eu"), Map.class, Identity.NONE));

		assertThat(error).isInstanceOf(HandledException.class);
		assertThat(error.getStatus()).isEqualTo(400);
		assertThat(error.getMessage()).isEqualTo("input validation for payload failed:");
		assertThat(issues(error)).extracting((issue) -> issue.get("path").toString(), (issue) -> issue.get("code").asString())
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("[\"item\"]", "NotBlank"),
					org.assertj.core.groups.Tuple.tuple("[\"quantity\"]", "Max"));
		assertThat(calls).isEmpty();
	}

	@Test
	void invalidParameterIsHandled400WithParameterMessage() {
		startOrderService(new CopyOnWriteArrayList<>());

		StatusException error = failure(this.support.invoke("Shop", "order", Map.of("item", "tea", "quantity", 1),
				Map.of(), Map.class, Identity.NONE));

		assertThat(error.getStatus()).isEqualTo(400);
		assertThat(error.getMessage()).isEqualTo("input validation for parameter failed:");
		assertThat(issues(error)).extracting((issue) -> issue.get("path").toString()).containsExactly("[\"region\"]");
	}

	@Test
	void payloadOfTheWrongShapeIsHandled400InvalidType() {
		startOrderService(new CopyOnWriteArrayList<>());

		StatusException error = failure(this.support.invoke("Shop", "order", "just a string", Map.of("region", "eu"),
				Map.class, Identity.NONE));

		assertThat(error.getStatus()).isEqualTo(400);
		assertThat(error.getMessage()).isEqualTo("input validation for payload failed:");
		assertThat(issues(error)).extracting((issue) -> issue.get("code").asString()).containsExactly("invalid_type");
	}

	@Test
	void invalidOutputIsUnhandled500WithoutDetail() {
		this.support.start(ServiceBuilder.service("Shop", "1")
			.command("order")
			.output(Total.class)
			.handler((payload, parameter, context) -> new Total(null, 1))
			.build());

		StatusException error = failure(this.support.invoke("Shop", "order", Map.of(), Map.of(), Map.class,
				Identity.NONE));

		assertThat(error).isInstanceOf(UnhandledException.class);
		assertThat(error.getStatus()).isEqualTo(500);
		assertThat(error.getMessage()).isEqualTo("Internal Server Error");
		assertThat(error.getData()).isNull();
	}

	@Test
	void guardHandledErrorKeepsItsStatusAndStopsTheCommand() {
		List<String> calls = new CopyOnWriteArrayList<>();
		this.support.start(ServiceBuilder.service("Shop", "1")
			.command("order")
			.beforeGuard("auth", (payload, parameter, context) -> {
				throw new HandledException(403, "not yours", Map.of("reason", "owner"));
			})
			.handler((payload, parameter, context) -> calls.add("handler"))
			.build());

		StatusException error = failure(this.support.invoke("Shop", "order", Map.of(), Map.of(), Map.class,
				Identity.NONE));

		assertThat(error.getStatus()).isEqualTo(403);
		assertThat(error.getMessage()).isEqualTo("not yours");
		assertThat(new dev.purista.core.message.MessageCodec().mapper().<JsonNode>valueToTree(error.getData()))
			.isEqualTo(new dev.purista.core.message.MessageCodec().mapper().valueToTree(Map.of("reason", "owner")));
		assertThat(calls).isEmpty();
	}

	@Test
	void afterGuardFailureTurnsSuccessIntoError() {
		this.support.start(ServiceBuilder.service("Shop", "1")
			.command("order")
			.afterGuard("audit", (result, payload, parameter, context) -> {
				throw new IllegalStateException("audit log unavailable");
			})
			.handler((payload, parameter, context) -> Map.of("ok", true))
			.build());

		StatusException error = failure(this.support.invoke("Shop", "order", Map.of(), Map.of(), Map.class,
				Identity.NONE));

		assertThat(error.getStatus()).isEqualTo(500);
		assertThat(error.getMessage()).isEqualTo("Internal Server Error");
	}

	@Test
	void failingInputTransformIs500UnableToTransformInputOnTheWireAsInternalServerError() {
		this.support.start(ServiceBuilder.service("Shop", "1")
			.command("order")
			.transformInput(new InputTransform(Object.class, Object.class, (payload, parameter, context) -> {
				throw new IllegalArgumentException("bad header");
			}))
			.handler((payload, parameter, context) -> Map.of())
			.build());

		StatusException error = failure(this.support.invoke("Shop", "order", Map.of(), Map.of(), Map.class,
				Identity.NONE));

		assertThat(error.getStatus()).isEqualTo(500);
		assertThat(error.isHandled()).isFalse();
	}

	@Test
	void handlerWhoseStoreIsUnavailableAnswersUnhandled503WithoutDetail() {
		this.support.start(ServiceBuilder.service("Shop", "1")
			.command("order")
			.handler((payload, parameter, context) -> {
				throw new StoreUnavailableException("RedisStateStore could not read key 'stock': Redis is unavailable",
						new java.io.IOException("Connection reset by peer"));
			})
			.build());

		StatusException error = failure(this.support.invoke("Shop", "order", Map.of(), Map.of(), Map.class,
				Identity.NONE));

		assertThat(error).isInstanceOf(UnhandledException.class);
		assertThat(error.getStatus()).isEqualTo(503);
		assertThat(error.getMessage()).isEqualTo("Service Unavailable");
		assertThat(error.getData()).isNull();
		assertThat(error.getTraceId()).isNotBlank();
	}

	@Test
	void asyncHandlerFailingWithAnUnavailableStoreAnswers503AndOtherFailuresStay500() {
		this.support.start(ServiceBuilder.service("Shop", "1")
			.command("order")
			.handler((payload, parameter, context) -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
				throw new StoreUnavailableException("RedisStateStore could not write key 'stock'", null);
			}))
			.command("cancel")
			.handler((payload, parameter, context) -> {
				throw new IllegalStateException("Connection refused");
			})
			.build());

		assertThat(failure(this.support.invoke("Shop", "order", Map.of(), Map.of(), Map.class, Identity.NONE))
			.getStatus()).isEqualTo(503);
		StatusException other = failure(this.support.invoke("Shop", "cancel", Map.of(), Map.of(), Map.class,
				Identity.NONE));
		assertThat(other.getStatus()).isEqualTo(500);
		assertThat(other.getMessage()).isEqualTo("Internal Server Error");
	}

	@Test
	void handledErrorWithStatus503KeepsItsMessageAndIsHandled() {
		this.support.start(ServiceBuilder.service("Shop", "1")
			.command("order")
			.handler((payload, parameter, context) -> {
				throw new HandledException(503, "shop closed for maintenance");
			})
			.build());

		StatusException error = failure(this.support.invoke("Shop", "order", Map.of(), Map.of(), Map.class,
				Identity.NONE));

		assertThat(error).isInstanceOf(HandledException.class);
		assertThat(error.getStatus()).isEqualTo(503);
		assertThat(error.getMessage()).isEqualTo("shop closed for maintenance");
	}

	@Test
	void asyncHandlerResultIsAwaited() {
		this.support.start(ServiceBuilder.service("Shop", "1")
			.command("order")
			.handler((payload, parameter, context) -> java.util.concurrent.CompletableFuture
				.supplyAsync(() -> Map.of("async", true)))
			.build());

		assertThat(this.support.invoke("Shop", "order", Map.of(), Map.of(), Map.class, Identity.NONE).join())
			.isEqualTo(Map.of("async", true));
	}

	@Test
	void emptyResultSendsSuccessWithoutPayload() {
		this.support.start(ServiceBuilder.service("Shop", "1")
			.command("touch")
			.output(Void.class)
			.handler((payload, parameter, context) -> null)
			.build());

		assertThat(this.support.invoke("Shop", "touch", Map.of(), Map.of(), Object.class, Identity.NONE).join())
			.isNull();
		await().until(() -> !this.support.carriedOfType(MessageType.COMMAND_SUCCESS_RESPONSE).isEmpty());
		CommandSuccessResponse response = (CommandSuccessResponse) this.support
			.carriedOfType(MessageType.COMMAND_SUCCESS_RESPONSE)
			.get(0);
		assertThat(response.payload()).isNull();
	}

	private void startOrderService(List<String> calls) {
		this.support.start(ServiceBuilder.service("Shop", "1")
			.command("order")
			.payload(Order.class)
			.parameter(Filter.class)
			.handler((payload, parameter, context) -> {
				calls.add("handler");
				return Map.of();
			})
			.build());
	}

	private static StatusException failure(java.util.concurrent.CompletableFuture<?> future) {
		assertThatThrownBy(future::join).isInstanceOf(CompletionException.class)
			.hasCauseInstanceOf(StatusException.class);
		try {
			future.join();
			throw new AssertionError("unreachable");
		}
		catch (CompletionException ex) {
			return (StatusException) ex.getCause();
		}
	}

	private static List<JsonNode> issues(StatusException error) {
		JsonNode data = new dev.purista.core.message.MessageCodec().mapper().valueToTree(error.getData());
		assertThat(data.isArray()).isTrue();
		List<JsonNode> issues = new java.util.ArrayList<>();
		data.forEach(issues::add);
		assertThat(issues).isNotEmpty();
		return issues;
	}

}
