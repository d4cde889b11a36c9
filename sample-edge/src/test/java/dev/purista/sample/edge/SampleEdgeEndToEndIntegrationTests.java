package dev.purista.sample.edge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.core.service.ServiceEnvironment;
import dev.purista.dapr.DaprStateStore;
import dev.purista.mqtt.MqttEventBridge;
import dev.purista.sample.edge.health.EdgeHealthServer;
import dev.purista.sample.edge.sensor.ReadingBatch;
import dev.purista.sample.edge.sensor.ReadingUploader;
import dev.purista.sample.edge.sensor.SensorReader;
import dev.purista.sample.edge.sensor.SensorService;
import dev.purista.sample.edge.sensor.SensorSource;
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;
import dev.purista.test.dapr.DaprStateApiEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The edge sample end to end: the application started with {@code --spring.profiles.active=edge} and the
 * arguments a device's process gets, against the real mosquitto of {@code scripts/brokers.sh} and the Dapr HTTP
 * API emulator of the test support (no real {@code daprd} can run here) with an API token. A scripted sensor
 * (20, 25, 35, 40, 28, then 28 for ever; threshold 30; batches of 3) makes every reading known. A plain MQTT 5
 * client watches the wire and invokes {@code readCurrent} the way a TypeScript PURISTA instance does; health is
 * read over HTTP from the JDK server, no servlet container runs. The topic prefix and sensor id are unique per
 * run. The health test, which takes the sidecar down for a moment (readings taken meanwhile are not recorded),
 * runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleEdgeEndToEndIntegrationTests {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String PREFIX = "edge" + RUN;

	private static final String SENSOR = "e2e-" + RUN;

	private static final String TOKEN = "edge-token-" + RUN;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final List<Mqtt5Publish> events = new CopyOnWriteArrayList<>();

	private static final BlockingQueue<Mqtt5Publish> responses = new LinkedBlockingQueue<>();

	private static final RecordingReadingUploader uploader = new RecordingReadingUploader();

	private static DaprStateApiEmulator dapr;

	private static Mqtt5AsyncClient peer;

	private static ConfigurableApplicationContext edge;

	@BeforeAll
	static void startTheEdgeApplication() throws Exception {
		BrokerAddress mqtt = BrokerResolution.require(Broker.MQTT);
		dapr = DaprStateApiEmulator.start("statestore");
		dapr.requireApiToken(TOKEN);
		peer = MqttClient.builder()
			.useMqttVersion5()
			.identifier("edge-peer-" + RUN)
			.serverHost(mqtt.host())
			.serverPort(mqtt.port())
			.buildAsync();
		peer.publishes(MqttGlobalPublishFilter.ALL, (publish) -> {
			String topic = publish.getTopic().toString();
			if (topic.startsWith(PREFIX + "/custom_message/")) {
				events.add(publish);
			}
			else if (topic.startsWith(PREFIX + "/command_")) {
				responses.add(publish);
			}
		});
		peer.connect().get(10, TimeUnit.SECONDS);
		peer.subscribeWith().topicFilter(PREFIX + "/custom_message/#").qos(MqttQos.AT_LEAST_ONCE).send()
			.get(10, TimeUnit.SECONDS);
		// TypeScript's response subscription of an instance: level 10 is the receiver's instance id
		peer.subscribeWith().topicFilter(PREFIX + "/+/+/+/+/+/+/+/+/ts_edge_caller/+/+/+").qos(MqttQos.AT_LEAST_ONCE)
			.send().get(10, TimeUnit.SECONDS);

		edge = new SpringApplicationBuilder(SampleEdgeApplication.class).initializers((context) -> {
			GenericApplicationContext generic = (GenericApplicationContext) context;
			generic.registerBean("scriptedSensorSource", SensorSource.class,
					() -> new ScriptedSensorSource(20.0, 25.0, 35.0, 40.0, 28.0));
			generic.registerBean("recordingReadingUploader", ReadingUploader.class, () -> uploader);
		})
			.run("--spring.profiles.active=edge", "--purista.mqtt.server-uri=" + mqtt.url(),
					"--purista.mqtt.topic-prefix=" + PREFIX, "--purista.dapr.host=127.0.0.1",
					"--purista.dapr.http-port=" + dapr.httpPort(), "--purista.dapr.api-token=" + TOKEN,
					"--sample.edge.sensor-id=" + SENSOR, "--sample.edge.read-interval=100ms",
					"--sample.edge.threshold=30", "--sample.edge.batch-size=3", "--sample.edge.health.port=0",
					"--sample.edge.health.address=127.0.0.1", "--spring.main.banner-mode=off");
	}

	@AfterAll
	static void stop() throws Exception {
		if (edge != null) {
			edge.close();
		}
		if (peer != null) {
			peer.disconnect().get(10, TimeUnit.SECONDS);
		}
		if (dapr != null) {
			dapr.close();
		}
	}

	@Test
	void theEdgeProfileRunsOnMqttAndDaprWithoutAServletContainer() {
		ServiceEnvironment environment = edge.getBean(ServiceEnvironment.class);
		assertThat(environment.eventBridge()).isInstanceOf(MqttEventBridge.class);
		assertThat(environment.stateStore()).isInstanceOf(DaprStateStore.class);
		assertThat(edge.getEnvironment().getProperty("purista.profile-preset")).isEqualTo("edge");
		assertThat(edge).isNotInstanceOf(WebApplicationContext.class);
		assertThat(ClassUtils.isPresent("org.apache.catalina.startup.Tomcat", null)).isFalse();
		assertThat(ClassUtils.isPresent("org.eclipse.jetty.server.Server", null)).isFalse();
		assertThat(ClassUtils.isPresent("io.undertow.Undertow", null)).isFalse();
	}

	@Test
	void crossingTheThresholdEmitsThresholdCrossedOnItsMqttTopicBothWays() {
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events).hasSizeGreaterThanOrEqualTo(2));
		assertThat(events).allSatisfy((event) -> assertThat(event.getTopic().toString())
			.matches(PREFIX + "/custom_message/none/none/[^/]+/sensor/1/record_reading/threshold_crossed/none/none/none/none"));
		assertThat(userProperties(events.get(0))).containsEntry("eventName", "thresholdCrossed")
			.containsEntry("senderServiceName", "Sensor");
		JsonNode above = payload(events.get(0));
		JsonNode below = payload(events.get(1));
		assertThat(above.get("sensorId").asString()).isEqualTo(SENSOR);
		assertThat(above.get("sequence").asLong()).isEqualTo(2);
		assertThat(above.get("value").asDouble()).isEqualTo(35.0);
		assertThat(above.get("threshold").asDouble()).isEqualTo(30.0);
		assertThat(above.get("direction").asString()).isEqualTo("above");
		assertThat(below.get("sequence").asLong()).isEqualTo(4);
		assertThat(below.get("value").asDouble()).isEqualTo(28.0);
		assertThat(below.get("direction").asString()).isEqualTo("below");
		assertThat(events).as("28 for ever crosses nothing more").hasSize(2);
	}

	@Test
	void fullBatchesAreUploadedByTheQueueWorkerAndTheirReceiptsAndTheCurrentReadingLiveInTheDaprSidecar()
			throws Exception {
		await().atMost(TIMEOUT).until(() -> uploader.uploaded().size() >= 2);
		ReadingBatch first = uploader.uploaded().get(0);
		assertThat(first.sensorId()).isEqualTo(SENSOR);
		assertThat(first.readings()).extracting((reading) -> reading.sequence()).containsExactly(0L, 1L, 2L);
		assertThat(first.readings()).extracting((reading) -> reading.value()).containsExactly(20.0, 25.0, 35.0);
		assertThat(uploader.uploaded().get(1).readings()).extracting((reading) -> reading.value())
			.containsExactly(40.0, 28.0, 28.0);

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(dapr.state("statestore",
				SensorService.uploadKey(first.batchId()))).isPresent());
		JsonNode receipt = mapper.readTree(dapr.state("statestore", SensorService.uploadKey(first.batchId())).get());
		assertThat(receipt.get("readings").asInt()).isEqualTo(3);
		assertThat(receipt.get("attempt").asInt()).isEqualTo(1);
		JsonNode current = mapper.readTree(dapr.state("statestore", SensorService.currentKey(SENSOR)).orElseThrow());
		assertThat(current.get("sensorId").asString()).isEqualTo(SENSOR);
		assertThat(dapr.requests()).anySatisfy((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/v1.0/state/statestore");
			assertThat(request.header("dapr-api-token")).isEqualTo(TOKEN);
		});
	}

	@Test
	void aTypeScriptShapedCommandFromAPlainMqttClientReadsTheCurrentValue() throws Exception {
		SensorReader reader = edge.getBean(SensorReader.class);
		await().atMost(TIMEOUT).until(() -> reader.readings() > 6);
		String correlationId = hexId();

		publishCommand(correlationId, SENSOR);

		Mqtt5Publish response = responseTo(correlationId);
		assertThat(response.getTopic().toString()).matches(PREFIX
				+ "/command_success_response/none/none/[^/]+/sensor/1/read_current/none/ts_edge_caller/dashboard/1/show_value");
		JsonNode message = mapper.readTree(response.getPayloadAsBytes());
		assertThat(message.get("messageType").asString()).isEqualTo("commandSuccessResponse");
		assertThat(message.get("correlationId").asString()).isEqualTo(correlationId);
		assertThat(message.get("receiver").get("instanceId").asString()).isEqualTo("tsEdgeCaller");
		assertThat(message.get("payload").get("sensorId").asString()).isEqualTo(SENSOR);
		assertThat(message.get("payload").get("value").asDouble()).isEqualTo(28.0);

		String unknown = hexId();
		publishCommand(unknown, "no-such-sensor");
		JsonNode error = mapper.readTree(responseTo(unknown).getPayloadAsBytes());
		assertThat(error.get("messageType").asString()).isEqualTo("commandErrorResponse");
		assertThat(error.get("payload").get("status").asInt()).isEqualTo(404);
	}

	@Test
	@Order(Integer.MAX_VALUE)
	void healthIsServedByTheJdkHttpServerAndFollowsTheDaprSidecar() throws Exception {
		int port = edge.getBean(EdgeHealthServer.class).port();
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get(port, "/actuator/health"))
			.isEqualTo("200 {\"status\":\"UP\"}"));
		assertThat(get(port, "/actuator/health/readiness")).isEqualTo("200 {\"status\":\"UP\"}");
		assertThat(get(port, "/actuator/health/liveness")).isEqualTo("200 {\"status\":\"UP\"}");
		assertThat(get(port, "/actuator/health/nothing-here")).isEqualTo("404 ");
		assertThat(get(port, "/actuator/healthz")).isEqualTo("404 ");
		HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
				+ "/actuator/health")).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(post.statusCode()).isEqualTo(405);

		dapr.inject(DaprStateApiEmulator.Fault.down());
		try {
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get(port, "/actuator/health"))
				.isEqualTo("503 {\"status\":\"DOWN\"}"));
			assertThat(get(port, "/actuator/health/readiness")).isEqualTo("503 {\"status\":\"DOWN\"}");
		}
		finally {
			dapr.clearFaults();
		}
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get(port, "/actuator/health"))
			.isEqualTo("200 {\"status\":\"UP\"}"));
	}

	private static void publishCommand(String correlationId, String sensorId) throws Exception {
		String command = """
				{"messageType":"command","id":"%s","timestamp":%d,"correlationId":"%s","traceId":"%s",\
				"contentType":"application/json","contentEncoding":"utf-8","otp":"{}",\
				"sender":{"serviceName":"Dashboard","serviceVersion":"1","serviceTarget":"showValue","instanceId":"tsEdgeCaller"},\
				"receiver":{"serviceName":"Sensor","serviceVersion":"1","serviceTarget":"readCurrent"},\
				"payload":{"payload":{"sensorId":"%s"},"parameter":{}}}"""
			.formatted(hexId(), System.currentTimeMillis(), correlationId, hexId(), sensorId);
		// as TypeScript's MqttBridge invokes: 13-level topic, QoS 1, user properties, correlation data, expiry =
		// the timeout in seconds, no response topic
		peer.publishWith()
			.topic(PREFIX + "/command/none/none/ts_edge_caller/dashboard/1/show_value/none/none/sensor/1/read_current")
			.qos(MqttQos.AT_LEAST_ONCE)
			.contentType("application/json")
			.correlationData(correlationId.getBytes(StandardCharsets.UTF_8))
			.messageExpiryInterval(30)
			.userProperties(Mqtt5UserProperties.builder()
				.add("messageType", "command")
				.add("senderServiceName", "Dashboard")
				.add("senderServiceVersion", "1")
				.add("senderServiceTarget", "showValue")
				.add("senderInstanceId", "tsEdgeCaller")
				.add("receiverServiceName", "Sensor")
				.add("receiverServiceVersion", "1")
				.add("receiverServiceTarget", "readCurrent")
				.build())
			.payload(command.getBytes(StandardCharsets.UTF_8))
			.send()
			.get(10, TimeUnit.SECONDS);
	}

	private static Mqtt5Publish responseTo(String correlationId) throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			Mqtt5Publish response = responses.poll(1, TimeUnit.SECONDS);
			if (response != null && response.getCorrelationData().isPresent()
					&& correlationId.equals(StandardCharsets.UTF_8.decode(response.getCorrelationData().get()).toString())) {
				return response;
			}
		}
		throw new AssertionError("no response to " + correlationId + " within " + TIMEOUT);
	}

	private static String get(int port, String path) throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		return response.statusCode() + " " + response.body();
	}

	private static JsonNode payload(Mqtt5Publish publish) {
		return mapper.readTree(publish.getPayloadAsBytes()).get("payload");
	}

	private static Map<String, String> userProperties(Mqtt5Publish publish) {
		Map<String, String> properties = new TreeMap<>();
		publish.getUserProperties().asList().forEach((property) -> properties.put(property.getName().toString(),
				property.getValue().toString()));
		return properties;
	}

	private static String hexId() {
		return UUID.randomUUID().toString().replace("-", "");
	}

}
