package dev.purista.test.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.jar.JarFile;

import com.tngtech.archunit.ArchConfiguration;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering PURISTA keeps, as ArchUnit rules (in the spirit of Spring Boot's own {@code ArchitectureRules}):
 * <ul>
 * <li>purista-core depends on no Spring;</li>
 * <li>the runtime packages of a bridge ({@code dev.purista.redis}, {@code dev.purista.redis.queue}, ...: all but
 * {@code ..autoconfigure..}) depend, among PURISTA's packages, only on core and their own bridge, and never on
 * Spring Boot: runtime code never needs auto-configuration to work. Application hosts are not bridges and are
 * exempt: {@code dev.purista.aws.lambda} starts a Spring Boot application inside a Lambda container by design, as
 * {@code dev.purista.boot} does in a process;</li>
 * <li>no package cycles;</li>
 * <li>auto-configuration classes are {@code public final} and their {@code @Bean} methods not public.</li>
 * </ul>
 * Each module checks its own classes by extending {@link AbstractArchitectureTests}. Every rule allows an empty
 * selection (a module without auto-configuration passes the auto-configuration rule).
 */
public final class ArchitectureRules {

	/** The rules for PURISTA's packages, below {@code dev.purista}. */
	public static final ArchitectureRules PURISTA = new ArchitectureRules("dev.purista");

	private static final String AUTO_CONFIGURATION = "org.springframework.boot.autoconfigure.AutoConfiguration";

	private static final String BEAN = "org.springframework.context.annotation.Bean";

	private final String root;

	private ArchitectureRules(String root) {
		this.root = root;
	}

	/**
	 * The same rules for another root package, e.g. for fixtures that break them on purpose.
	 * @param root the package that takes the place of {@code dev.purista}
	 * @return the rules
	 */
	public static ArchitectureRules forRootPackage(String root) {
		return new ArchitectureRules(Objects.requireNonNull(root, "root"));
	}

	/**
	 * Import the main classes of the module (directory or jar) that holds the given class. Classes they depend on
	 * are not imported from the class path (the rules need only their names), which keeps the import fast.
	 * @param anyClassOfTheModule a class of the module
	 * @return the module's classes, without its tests
	 */
	public static JavaClasses importModuleOf(Class<?> anyClassOfTheModule) {
		CodeSource source = anyClassOfTheModule.getProtectionDomain().getCodeSource();
		Objects.requireNonNull(source, () -> "no code source for " + anyClassOfTheModule.getName());
		Path location = toPath(source.getLocation());
		return withoutResolvingFromClassPath(() -> {
			if (!Files.isRegularFile(location)) {
				return new ClassFileImporter().importPath(location);
			}
			try (JarFile jar = new JarFile(location.toFile())) {
				return new ClassFileImporter().importJar(jar);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot read " + location, ex);
			}
		});
	}

	/**
	 * Import the given classes only, as {@link #importModuleOf(Class)} does.
	 * @param classes the classes
	 * @return the imported classes
	 */
	static JavaClasses importClasses(Class<?>... classes) {
		return withoutResolvingFromClassPath(() -> new ClassFileImporter().importClasses(classes));
	}

	private static JavaClasses withoutResolvingFromClassPath(Supplier<JavaClasses> importer) {
		ArchConfiguration configuration = ArchConfiguration.get();
		boolean resolve = configuration.resolveMissingDependenciesFromClassPath();
		configuration.setResolveMissingDependenciesFromClassPath(false);
		try {
			return importer.get();
		}
		finally {
			configuration.setResolveMissingDependenciesFromClassPath(resolve);
		}
	}

	private static Path toPath(URL location) {
		try {
			return Path.of(location.toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("cannot import the classes at " + location, ex);
		}
	}

	/**
	 * Every rule.
	 * @return the rules
	 */
	public List<ArchRule> all() {
		return List.of(coreDependsOnNoSpring(), bridgeRuntimeDependsOnlyOnCoreAndItsOwnPackages(),
				packagesAreFreeOfCycles(), autoConfigurationClassesArePublicAndFinal(),
				beanMethodsAreNotPublic());
	}

	/**
	 * purista-core's classes depend on no {@code org.springframework} class.
	 * @return the rule
	 */
	public ArchRule coreDependsOnNoSpring() {
		return noClasses().that()
			.resideInAPackage(this.root + ".core..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework..")
			.because("purista-core runs without Spring")
			.allowEmptyShould(true);
	}

	/**
	 * A bridge's runtime classes depend, among the classes below the root package, only on core and on their own
	 * bridge's runtime packages (not on {@code dev.purista.boot}, not on any {@code autoconfigure} package, not
	 * on another bridge), and on no Spring Boot class. Client libraries and the JDK are free. The Lambda host
	 * ({@code .aws.lambda}) is not a bridge: it boots a Spring application and is not checked by this rule.
	 * @return the rule
	 */
	public ArchRule bridgeRuntimeDependsOnlyOnCoreAndItsOwnPackages() {
		return classes().that()
			.resideInAPackage(this.root + "..")
			.and()
			.resideOutsideOfPackages(this.root + ".core..", this.root + ".boot..", this.root + ".test..",
					this.root + ".sample..", this.root + ".aws.lambda..", "..autoconfigure..")
			.should(new BridgeRuntimeDependencies(this.root))
			.because("runtime code never needs auto-configuration to work")
			.allowEmptyShould(true);
	}

	/**
	 * No two packages below the root package depend on each other, directly or through others.
	 * @return the rule
	 */
	public ArchRule packagesAreFreeOfCycles() {
		return slices().matching(this.root + ".(**)").should().beFreeOfCycles().allowEmptyShould(true);
	}

	/**
	 * Classes annotated with {@code @AutoConfiguration} are {@code public} and {@code final}.
	 * @return the rule
	 */
	public ArchRule autoConfigurationClassesArePublicAndFinal() {
		return classes().that()
			.resideInAPackage(this.root + "..")
			.and()
			.areAnnotatedWith(AUTO_CONFIGURATION)
			.should()
			.bePublic()
			.andShould()
			.haveModifier(JavaModifier.FINAL)
			.allowEmptyShould(true);
	}

	/**
	 * {@code @Bean} methods are not public.
	 * @return the rule
	 */
	public ArchRule beanMethodsAreNotPublic() {
		return methods().that()
			.areDeclaredInClassesThat()
			.resideInAPackage(this.root + "..")
			.and()
			.areAnnotatedWith(BEAN)
			.should()
			.notBePublic()
			.allowEmptyShould(true);
	}

	/**
	 * The dependencies a bridge's runtime class may have.
	 */
	private static final class BridgeRuntimeDependencies extends ArchCondition<JavaClass> {

		private final String root;

		BridgeRuntimeDependencies(String root) {
			super("depend only on " + root + ".core and their own bridge's runtime packages, and on no Spring Boot");
			this.root = root;
		}

		@Override
		public void check(JavaClass javaClass, ConditionEvents events) {
			String bridge = bridgeOf(javaClass.getPackageName());
			for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
				String target = dependency.getTargetClass().getBaseComponentType().getPackageName();
				if (!isAllowed(target, bridge)) {
					events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
				}
			}
		}

		private boolean isAllowed(String target, String bridge) {
			if (isIn(target, "org.springframework.boot")) {
				return false;
			}
			if (!isIn(target, this.root)) {
				return true;
			}
			return isIn(target, this.root + ".core")
					|| (isIn(target, bridge) && !("." + target + ".").contains(".autoconfigure."));
		}

		/** The bridge's first package below the root: {@code dev.purista.redis} for {@code dev.purista.redis.queue}. */
		private String bridgeOf(String packageName) {
			String below = packageName.substring(this.root.length() + 1);
			int dot = below.indexOf('.');
			return this.root + "." + ((dot < 0) ? below : below.substring(0, dot));
		}

		private static boolean isIn(String packageName, String parent) {
			return packageName.equals(parent) || packageName.startsWith(parent + ".");
		}

	}

}
