package dev.purista.test.architecture;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a module's main classes against {@link ArchitectureRules#PURISTA}, one test per rule, so that
 * {@code mvn verify} fails when the module breaks one. Every PURISTA module (and every bridge starter) has one
 * subclass:
 *
 * <pre class="code">
 * class ArchitectureTests extends AbstractArchitectureTests {
 *
 * 	ArchitectureTests() {
 * 		super(RedisStateStore.class);
 * 	}
 *
 * }
 * </pre>
 */
public abstract class AbstractArchitectureTests {

	private static final Map<Class<?>, JavaClasses> imported = new ConcurrentHashMap<>();

	private final Class<?> anyClassOfTheModule;

	private final ArchitectureRules rules = ArchitectureRules.PURISTA;

	/**
	 * Create the tests for the module holding the given class.
	 * @param anyClassOfTheModule a main class of the module under test
	 */
	protected AbstractArchitectureTests(Class<?> anyClassOfTheModule) {
		this.anyClassOfTheModule = anyClassOfTheModule;
	}

	private JavaClasses classes() {
		return imported.computeIfAbsent(this.anyClassOfTheModule, ArchitectureRules::importModuleOf);
	}

	@Test
	void moduleClassesAreImported() {
		assertThat(classes()).as("main classes of the module of %s", this.anyClassOfTheModule.getName())
			.anyMatch((javaClass) -> javaClass.isEquivalentTo(this.anyClassOfTheModule));
	}

	@Test
	void coreDependsOnNoSpring() {
		this.rules.coreDependsOnNoSpring().check(classes());
	}

	@Test
	void bridgeRuntimeDependsOnlyOnCoreAndItsOwnPackages() {
		this.rules.bridgeRuntimeDependsOnlyOnCoreAndItsOwnPackages().check(classes());
	}

	@Test
	void packagesAreFreeOfCycles() {
		this.rules.packagesAreFreeOfCycles().check(classes());
	}

	@Test
	void autoConfigurationClassesArePublicAndFinal() {
		this.rules.autoConfigurationClassesArePublicAndFinal().check(classes());
	}

	@Test
	void beanMethodsAreNotPublic() {
		this.rules.beanMethodsAreNotPublic().check(classes());
	}

}
