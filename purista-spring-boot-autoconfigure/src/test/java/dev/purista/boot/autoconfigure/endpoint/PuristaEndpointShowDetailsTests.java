package dev.purista.boot.autoconfigure.endpoint;

import java.security.Principal;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.boot.autoconfigure.endpoint.PuristaEndpoint.PuristaDescriptor;
import dev.purista.boot.autoconfigure.endpoint.PuristaEndpoint.PuristaSummaryDescriptor;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which callers {@code /actuator/purista} shows details to: {@code management.endpoint.purista.show-details}
 * ({@code never}, {@code when-authorized}, {@code always}; default {@code when-authorized}) and
 * {@code management.endpoint.purista.roles}, checked against Boot's {@link SecurityContext} as the health
 * endpoint does.
 */
class PuristaEndpointShowDetailsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PuristaFoundationAutoConfiguration.class,
				PuristaAutoConfiguration.class, PuristaEndpointAutoConfiguration.class))
		.withBean(ServiceDefinition.class,
				() -> ServiceBuilder.service("Greeter", "1").command("greet").handler((p, q, c) -> "hi").build())
		.withPropertyValues("management.endpoints.web.exposure.include=purista");

	@Test
	void detailsAreShownWhenAuthorizedByDefault() {
		this.runner.run((context) -> {
			assertThat(context.getBean(PuristaEndpointProperties.class).getShowDetails())
				.isEqualTo(Show.WHEN_AUTHORIZED);
			assertThat(endpoint(context).read(SecurityContext.NONE)).isInstanceOf(PuristaSummaryDescriptor.class);
			assertThat(endpoint(context).readService(SecurityContext.NONE, "Greeter")).isNull();
			assertThat(endpoint(context).read(user("ada"))).isInstanceOf(PuristaDescriptor.class);
			assertThat(endpoint(context).readService(user("ada"), "Greeter")).isNotNull();
		});
	}

	@Test
	void summaryHasStatusAndCountsButNoTopology() {
		this.runner.run((context) -> {
			PuristaSummaryDescriptor summary = (PuristaSummaryDescriptor) endpoint(context).read(SecurityContext.NONE);
			assertThat(summary).isEqualTo(new PuristaSummaryDescriptor(true, true, 1, "warn"));
		});
	}

	@Test
	void neverShowsDetailsNotEvenToAnAuthorizedUser() {
		this.runner.withPropertyValues("management.endpoint.purista.show-details=never").run((context) -> {
			assertThat(endpoint(context).read(user("ada", "OPS"))).isInstanceOf(PuristaSummaryDescriptor.class);
			assertThat(endpoint(context).readService(user("ada", "OPS"), "Greeter")).isNull();
		});
	}

	@Test
	void alwaysShowsDetailsWithoutAPrincipal() {
		this.runner.withPropertyValues("management.endpoint.purista.show-details=always").run((context) -> {
			assertThat(endpoint(context).read(SecurityContext.NONE)).isInstanceOf(PuristaDescriptor.class);
			assertThat(endpoint(context).readService(SecurityContext.NONE, "Greeter")).isNotNull();
		});
	}

	@Test
	void whenAuthorizedWithRolesShowsDetailsOnlyToAUserInOneOfThem() {
		this.runner
			.withPropertyValues("management.endpoint.purista.show-details=when-authorized",
					"management.endpoint.purista.roles=OPS,ADMIN")
			.run((context) -> {
				assertThat(endpoint(context).read(SecurityContext.NONE)).isInstanceOf(PuristaSummaryDescriptor.class);
				assertThat(endpoint(context).read(user("ada"))).isInstanceOf(PuristaSummaryDescriptor.class);
				assertThat(endpoint(context).read(user("ada", "USER"))).isInstanceOf(PuristaSummaryDescriptor.class);
				assertThat(endpoint(context).readService(user("ada", "USER"), "Greeter")).isNull();
				assertThat(endpoint(context).read(user("ada", "ADMIN"))).isInstanceOf(PuristaDescriptor.class);
				assertThat(endpoint(context).readService(user("ada", "OPS"), "Greeter")).isNotNull();
			});
	}

	private static PuristaEndpoint endpoint(ApplicationContext context) {
		return context.getBean(PuristaEndpoint.class);
	}

	private static SecurityContext user(String name, String... roles) {
		Principal principal = () -> name;
		return new SecurityContext() {

			@Override
			public @Nullable Principal getPrincipal() {
				return principal;
			}

			@Override
			public boolean isUserInRole(String role) {
				return Set.of(roles).contains(role);
			}

		};
	}

}
