package dev.purista.sample.edge;

import java.net.InetSocketAddress;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
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
 * uploader apply unless the application declares a {@link SensorSource} or {@link ReadingUploader} of its own.
 * Nothing here depends on which bridges or stores the profile picks.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SampleEdgeProperties.class)
class SampleEdgeConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SensorSource sensorSource(SampleEdgeProperties properties) {
		SampleEdgeProperties.Simulation simulation = properties.getSimulation();
		return new SimulatedSensorSource(simulation.getBase(), simulation.getAmplitude(), simulation.getPeriod(),
				simulation.getSeed());
	}

	@Bean
	@ConditionalOnMissingBean
	ReadingUploader readingUploader() {
		return new LoggingReadingUploader();
	}

	@Bean
	SensorService sensorService(SampleEdgeProperties properties, ReadingUploader readingUploader) {
		return new SensorService(properties.getThreshold(), properties.getBatchSize(), readingUploader);
	}

	@Bean
	SensorReader sensorReader(PuristaServices services, SensorSource sensorSource, SampleEdgeProperties properties) {
		return new SensorReader(new PuristaInvoker(services.environment(), SensorReader.SENDER), sensorSource,
				properties.getSensorId(), properties.getReadInterval());
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
