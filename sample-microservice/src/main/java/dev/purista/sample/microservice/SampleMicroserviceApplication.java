package dev.purista.sample.microservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * Runs the sample services selected by {@code sample.services} ({@code user}, {@code email} or both) in one
 * process: deployed several times from the same fat jar, each process runs its share of the services and they
 * talk over the event bridge and queue bridge of the active profile ({@code staging} and {@code production}:
 * RabbitMQ and Redis, addressed with Boot's {@code spring.rabbitmq.*} and {@code spring.data.redis.*}). The
 * service classes are the ones the monolith sample runs.
 */
@SpringBootApplication
@Import(SampleServicesConfiguration.class)
public class SampleMicroserviceApplication {

	/**
	 * Start the application.
	 * @param args command line arguments, e.g. {@code --sample.services=email --server.port=8082}
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleMicroserviceApplication.class, args);
	}

}
