package dev.purista.sample.monolith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * Runs the User and Email services in one process. Without a profile every bridge and store is in memory;
 * the services are the same classes the microservice sample deploys separately.
 */
@SpringBootApplication
@Import(SampleServicesConfiguration.class)
public class SampleMonolithApplication {

	/**
	 * Start the application.
	 * @param args command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleMonolithApplication.class, args);
	}

}
