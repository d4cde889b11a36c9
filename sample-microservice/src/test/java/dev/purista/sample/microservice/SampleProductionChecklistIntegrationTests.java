package dev.purista.sample.microservice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.amqp.AmqpNames;
import dev.purista.boot.autoconfigure.endpoint.PuristaEndpoint;
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;
import dev.purista.test.otlp.OtlpHttpReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's own production checklist ({@code /actuator/purista}), read from every process of the sample as it
 * is deployed: the user and the email process, with the {@code staging} and the {@code production} profile, on
 * the real RabbitMQ and Redis. In production every item passes or says why it does not apply; in staging nothing
 * fails and only what README names as staging's deliberate differences warns. Exchange and queue names and queue
 * keys are unique per run; the queues the processes leave behind are deleted afterwards.
 */
class SampleProductionChecklistIntegrationTests {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	/** Exchange and queue names per profile: RabbitMQ refuses to redeclare a queue with other durability. */
	private static final List<String> PROFILES = List.of("staging", "production");

	private static BrokerAddress rabbit;

	private static BrokerAddress redis;

	private static OtlpHttpReceiver otlp;

	@BeforeAll
	static void resolveBrokers() {
		rabbit = BrokerResolution.require(Broker.RABBITMQ);
		redis = BrokerResolution.require(Broker.REDIS);
		otlp = OtlpHttpReceiver.start();
	}

	@AfterAll
	static void deleteRabbitQueuesAndExchange() {
		if (otlp != null) {
			otlp.close();
		}
		if (rabbit == null) {
			return;
		}
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory(rabbit.host(), rabbit.port());
		connectionFactory.setUsername(rabbit.username());
		connectionFactory.setPassword(rabbit.password());
		try {
			RabbitAdmin admin = new RabbitAdmin(connectionFactory);
			for (String profile : PROFILES) {
				// the subscription queue and the dead-letter queues outlive the processes
				String name = amqpName(profile);
				String subscriptionQueue = name + ".sub.Email.1.queueWelcomeMail";
				admin.deleteQueue(subscriptionQueue);
				Stream.of(subscriptionQueue, name + ".cmd.User.1.signUp", name + ".cmd.User.1.getUser",
						name + ".cmd.Email.1.getOutbox")
					.forEach((queue) -> admin.deleteQueue(AmqpNames.deadLetterQueue(queue)));
				admin.deleteExchange(name);
			}
		}
		finally {
			connectionFactory.destroy();
		}
	}

	@ParameterizedTest(name = "production, --sample.services={0}")
	@CsvSource({ "user, 'retry-policies,queue-idempotency,secrets-in-secret-store'",
			"email, 'secrets-in-secret-store'" })
	void everyProductionProcessPassesEveryItemThatAppliesAndSaysWhyTheOthersDoNot(String services,
			String notApplicable) {
		try (ConfigurableApplicationContext context = start("production", services)) {
			Map<String, JsonNode> items = checklist(context);
			assertThat(statuses(items)).as("checklist of %s in production: %s", services, items)
				.allSatisfy((item, status) -> assertThat(status).isIn("pass", "not-applicable"));
			assertThat(withStatus(items, "not-applicable")).containsExactlyInAnyOrder(notApplicable.split(","));
			assertThat(items.values()).allSatisfy((item) -> assertThat(item.get("reason").asString()).isNotBlank());
			assertThat(summaryStatus(context)).isEqualTo("pass");
		}
	}

	@ParameterizedTest(name = "staging, --sample.services={0}")
	@CsvSource({ "user, 'opentelemetry-exporter'", "email, 'opentelemetry-exporter'" })
	void stagingProcessesFailNothingAndWarnOnlyWhereStagingDiffersFromProductionOnPurpose(String services,
			String warnings) {
		try (ConfigurableApplicationContext context = start("staging", services)) {
			Map<String, JsonNode> items = checklist(context);
			assertThat(statuses(items)).as("checklist of %s in staging: %s", services, items)
				.allSatisfy((item, status) -> assertThat(status).isIn("pass", "not-applicable", "warn"));
			assertThat(withStatus(items, "warn")).as("checklist of %s in staging: %s", services, items)
				.containsExactlyInAnyOrder(warnings.split(","));
			assertThat(summaryStatus(context)).isEqualTo("warn");
		}
	}

	/**
	 * A process of the sample's fat jar, started with the arguments README gives.
	 */
	private static ConfigurableApplicationContext start(String profile, String services) {
		List<String> args = new ArrayList<>(List.of("--sample.services=" + services,
				"--spring.profiles.active=" + profile, "--server.port=0", "--spring.rabbitmq.host=" + rabbit.host(),
				"--spring.rabbitmq.port=" + rabbit.port(), "--spring.rabbitmq.username=" + rabbit.username(),
				"--spring.rabbitmq.password=" + rabbit.password(), "--spring.data.redis.host=" + redis.host(),
				"--spring.data.redis.port=" + redis.port(), "--purista.amqp.exchange=" + amqpName(profile),
				"--purista.amqp.name-prefix=" + amqpName(profile),
				"--purista.redis.queue.key-prefix=purista-checklist:" + RUN + ":queue:",
				"--spring.main.banner-mode=off"));
		if ("production".equals(profile)) {
			// the production profile's collector (otel-collector:4318) exists only in docker compose
			args.add("--management.opentelemetry.tracing.export.otlp.endpoint=" + otlp.tracesEndpoint());
		}
		return new SpringApplicationBuilder(SampleMicroserviceApplication.class).run(args.toArray(String[]::new));
	}

	private static String amqpName(String profile) {
		return "purista-checklist-" + profile + "-" + RUN;
	}

	/**
	 * The checklist items as the endpoint's JSON shows them to a caller shown details, by item id.
	 */
	private static Map<String, JsonNode> checklist(ConfigurableApplicationContext context) {
		PuristaEndpoint endpoint = context.getBean(PuristaEndpoint.class);
		JsonMapper jsonMapper = context.getBean(JsonMapper.class);
		JsonNode checklist = jsonMapper.readTree(jsonMapper.writeValueAsString(endpoint.purista())).get("checklist");
		Map<String, JsonNode> items = new LinkedHashMap<>();
		checklist.get("items").forEach((item) -> items.put(item.get("item").asString(), item));
		assertThat(items).hasSize(8);
		return items;
	}

	private static Map<String, String> statuses(Map<String, JsonNode> items) {
		Map<String, String> statuses = new LinkedHashMap<>();
		items.forEach((item, node) -> statuses.put(item, node.get("status").asString()));
		return statuses;
	}

	private static List<String> withStatus(Map<String, JsonNode> items, String status) {
		return statuses(items).entrySet()
			.stream()
			.filter((entry) -> status.equals(entry.getValue()))
			.map(Map.Entry::getKey)
			.toList();
	}

	/**
	 * The checklist's overall status as {@code /actuator/purista} answers an anonymous caller over HTTP.
	 */
	private static String summaryStatus(ConfigurableApplicationContext context) {
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		return RestTestClient.bindToServer()
			.baseUrl("http://localhost:" + port)
			.build()
			.get()
			.uri("/actuator/purista")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody()
			.get("checklist")
			.asString();
	}

}
