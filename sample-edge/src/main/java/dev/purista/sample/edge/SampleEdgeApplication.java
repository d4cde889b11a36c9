package dev.purista.sample.edge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * A sensor service for an edge device, run with {@code --spring.profiles.active=edge}: commands and events over
 * MQTT, state in a Dapr sidecar, no servlet container; health on the JDK's HTTP server
 * ({@code sample.edge.health.port}).
 */
@SpringBootApplication
@Import(SampleEdgeConfiguration.class)
public class SampleEdgeApplication {

	/**
	 * Start the application.
	 * @param args command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleEdgeApplication.class, args);
	}

}
