package dev.purista.sample.edge;

import java.net.InetSocketAddress;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.boot.autoconfigure.PuristaServices;
import dev.purista.core.service.PuristaInvoker;
import dev.purista.sample.edge.health.EdgeHealthServer;
import dev.purista.sample.edge.sensor.LoggingReadingUploader;
import dev.purista.sample.edge.sensor.ReadingUploader;
import dev.purista.sample.edge.sensor.SensorReader;
import dev.purista.sample.edge.sensor.SensorService;
import dev.purista.sample.edge.sensor.SensorSource;
import dev.purista.sample.edge.sensor.SimulatedSensorSource;

/**
 * The sensor service, its reader and the health server of the edge sample. The simulated sensor and the logging
 * uploader apply unless the application declares a {@link SensorSource} or {@link ReadingUploader} bean of its
 * own (looked up when the service and reader are created, so the order configurations are read in does not matter).
 * Nothing here depends on which bridges or stores the profile picks.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SampleEdgeProperties.class)
class SampleEdgeConfiguration {

	@Bean
	SensorService sensorService(SampleEdgeProperties properties, ObjectProvider<ReadingUploader> readingUploader) {
		return new SensorService(properties.getThreshold(), properties.getBatchSize(),
				readingUploader.getIfAvailable(LoggingReadingUploader::new));
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "sample.edge.reader-enabled", matchIfMissing = true)
	SensorReader sensorReader(PuristaServices services, ObjectProvider<SensorSource> sensorSource,
			SampleEdgeProperties properties) {
		return new SensorReader(new PuristaInvoker(services.environment(), SensorReader.SENDER),
				sensorSource.getIfAvailable(() -> simulated(properties.getSimulation())), properties.getSensorId(),
				properties.getReadInterval());
	}

	private static SensorSource simulated(SampleEdgeProperties.Simulation simulation) {
		return new SimulatedSensorSource(simulation.getBase(), simulation.getAmplitude(), simulation.getPeriod(),
				simulation.getSeed());
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "sample.edge.health.enabled", matchIfMissing = true)
	EdgeHealthServer edgeHealthServer(HealthEndpoint healthEndpoint, ObjectProvider<JsonMapper> jsonMapper,
			SampleEdgeProperties properties) {
		SampleEdgeProperties.Health health = properties.getHealth();
		return new EdgeHealthServer(healthEndpoint, jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()),
				new InetSocketAddress(health.getAddress(), health.getPort()), health.isShowDetails());
	}

}
