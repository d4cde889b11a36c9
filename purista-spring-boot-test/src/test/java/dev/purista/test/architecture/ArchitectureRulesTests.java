package dev.purista.test.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import dev.purista.test.architecture.fixture.amqp.AmqpUsingRedis;
import dev.purista.test.architecture.fixture.aws.lambda.LambdaHostUsingSpringBoot;
import dev.purista.test.architecture.fixture.amqp.autoconfigure.GoodAutoConfiguration;
import dev.purista.test.architecture.fixture.amqp.autoconfigure.NotFinalAutoConfiguration;
import dev.purista.test.architecture.fixture.amqp.autoconfigure.PublicBeanMethodAutoConfiguration;
import dev.purista.test.architecture.fixture.boot.BootFixture;
import dev.purista.test.architecture.fixture.core.CoreUsingSpring;
import dev.purista.test.architecture.fixture.core.PlainCore;
import dev.purista.test.architecture.fixture.cycle.a.CycleA;
import dev.purista.test.architecture.fixture.cycle.b.CycleB;
import dev.purista.test.architecture.fixture.redis.RedisClean;
import dev.purista.test.architecture.fixture.redis.RedisUsingItsAutoConfiguration;
import dev.purista.test.architecture.fixture.redis.RedisUsingPuristaBoot;
import dev.purista.test.architecture.fixture.redis.RedisUsingSpringBoot;
import dev.purista.test.architecture.fixture.redis.queue.RedisQueueClean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every architecture rule fails on a class that breaks it and passes on classes that keep it: the rules are
 * those of {@link ArchitectureRules#PURISTA} with the fixture package in place of {@code dev.purista}.
 */
class ArchitectureRulesTests {

	private static final String FIXTURES = "dev.purista.test.architecture.fixture";

	private final ArchitectureRules rules = ArchitectureRules.forRootPackage(FIXTURES);

	@Test
	void cleanClassesPassEveryRule() {
		JavaClasses clean = classes(PlainCore.class, BootFixture.class, RedisClean.class, RedisQueueClean.class,
				GoodAutoConfiguration.class);
		assertThat(this.rules.all()).hasSize(5)
			.allSatisfy((rule) -> assertThat(rule.evaluate(clean).hasViolation()).as(rule.getDescription()).isFalse());
	}

	@Test
	void coreDependsOnNoSpringFailsForACoreClassUsingSpring() {
		assertViolation(this.rules.coreDependsOnNoSpring(), CoreUsingSpring.class, "org.springframework.util");
	}

	@Test
	void bridgeRuntimeRuleFailsForADependencyOnItsOwnAutoConfigurationPackage() {
		assertViolation(this.rules.bridgeRuntimeDependsOnlyOnCoreAndItsOwnPackages(),
				RedisUsingItsAutoConfiguration.class, "RedisFixtureProperties");
	}

	@Test
	void bridgeRuntimeRuleFailsForADependencyOnPuristaBoot() {
		assertViolation(this.rules.bridgeRuntimeDependsOnlyOnCoreAndItsOwnPackages(), RedisUsingPuristaBoot.class,
				"BootFixture");
	}

	@Test
	void bridgeRuntimeRuleFailsForADependencyOnSpringBoot() {
		assertViolation(this.rules.bridgeRuntimeDependsOnlyOnCoreAndItsOwnPackages(), RedisUsingSpringBoot.class,
				"org.springframework.boot.SpringApplication");
	}

	@Test
	void bridgeRuntimeRuleFailsForADependencyOnAnotherBridge() {
		assertViolation(this.rules.bridgeRuntimeDependsOnlyOnCoreAndItsOwnPackages(), AmqpUsingRedis.class,
				"RedisClean");
	}

	@Test
	void bridgeRuntimeRuleExemptsTheLambdaHostWhichBootsASpringApplication() {
		EvaluationResult result = this.rules.bridgeRuntimeDependsOnlyOnCoreAndItsOwnPackages()
			.evaluate(classes(LambdaHostUsingSpringBoot.class));
		assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
	}

	@Test
	void packagesAreFreeOfCyclesFailsForTwoPackagesUsingEachOther() {
		EvaluationResult result = this.rules.packagesAreFreeOfCycles().evaluate(classes(CycleA.class, CycleB.class));
		assertThat(result.hasViolation()).isTrue();
		assertThat(result.getFailureReport().toString()).contains("Cycle detected").contains("cycle.a")
			.contains("cycle.b");
	}

	@Test
	void autoConfigurationRuleFailsForAClassThatIsNotFinal() {
		assertViolation(this.rules.autoConfigurationClassesArePublicAndFinal(), NotFinalAutoConfiguration.class,
				"FINAL");
	}

	@Test
	void autoConfigurationRuleFailsForAClassThatIsNotPublic() throws ClassNotFoundException {
		Class<?> notPublic = Class.forName(FIXTURES + ".amqp.autoconfigure.NotPublicAutoConfiguration");
		assertViolation(this.rules.autoConfigurationClassesArePublicAndFinal(), notPublic, "PUBLIC");
	}

	@Test
	void beanMethodsAreNotPublicFailsForAPublicBeanMethod() {
		assertViolation(this.rules.beanMethodsAreNotPublic(), PublicBeanMethodAutoConfiguration.class,
				"plainCore()");
	}

	@Test
	void importModuleOfImportsTheMainClassesOfTheModuleOnly() {
		JavaClasses module = ArchitectureRules.importModuleOf(ArchitectureRules.class);
		assertThat(module.containPackage("dev.purista.test.store")).isTrue();
		assertThat(module.containPackage(FIXTURES)).isFalse();
		assertThat(module).noneMatch((javaClass) -> javaClass.getName().equals(getClass().getName()));
	}

	private static void assertViolation(ArchRule rule, Class<?> violating, String expectedInReport) {
		EvaluationResult result = rule.evaluate(classes(violating));
		assertThat(result.hasViolation()).as("violation of %s by %s", rule.getDescription(), violating.getName())
			.isTrue();
		assertThat(result.getFailureReport().getDetails()).anyMatch((detail) -> detail.contains(violating.getName())
				&& detail.contains(expectedInReport));
	}

	private static JavaClasses classes(Class<?>... types) {
		return ArchitectureRules.importClasses(types);
	}

}
