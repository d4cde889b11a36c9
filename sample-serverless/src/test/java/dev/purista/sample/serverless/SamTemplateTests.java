package dev.purista.sample.serverless;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import dev.purista.aws.lambda.PuristaLambdaHandler;
import dev.purista.core.annotation.Command;
import dev.purista.core.annotation.Http;
import dev.purista.core.service.CommandContext;
import dev.purista.sample.user.UserService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SAM template ({@code template.yaml}) matches what the module builds: the handler, the application class,
 * the zip's name, and for every function the command it serves and that command's HTTP route. It was never
 * deployed here (no AWS account), so this keeps it from drifting from the code.
 */
class SamTemplateTests {

	private final Map<String, Object> template = load(Path.of("template.yaml"));

	@Test
	void globalsNameTheHandlerTheApplicationAndTheZipTheBuildMakes() {
		Map<String, Object> function = map(map(this.template, "Globals"), "Function");
		assertThat(function.get("Handler")).isEqualTo(PuristaLambdaHandler.class.getName() + "::handleRequest");
		assertThat(function.get("CodeUri")).isEqualTo("target/sample-serverless-lambda.zip");
		assertThat(function.get("Runtime")).isEqualTo("java17");
		Map<String, Object> variables = map(map(function, "Environment"), "Variables");
		assertThat(variables).containsEntry(PuristaLambdaHandler.APPLICATION_ENV,
				SampleFunctionApplication.class.getName());
		assertThat((String) variables.get("JAVA_TOOL_OPTIONS")).contains("-Dspring.aot.enabled=true");
	}

	@Test
	void eachFunctionServesOneCommandOnThatCommandsRoute() throws NoSuchMethodException {
		assertRoute("SignUpFunction", "signUp", UserService.class.getMethod("signUp", UserService.SignUp.class,
				CommandContext.class));
		assertRoute("GetUserFunction", "getUser", UserService.class.getMethod("getUser", Object.class,
				UserService.UserId.class, CommandContext.class));
	}

	private void assertRoute(String functionName, String command, Method method) {
		Map<String, Object> properties = map(map(map(this.template, "Resources"), functionName), "Properties");
		assertThat(map(map(properties, "Environment"), "Variables")).containsEntry("PURISTA_LAMBDA_COMMANDS",
				"User." + command);
		Map<String, Object> event = map(map(properties, "Events").values().iterator().next());
		assertThat(event.get("Type")).isEqualTo("HttpApi");
		Map<String, Object> api = map(event, "Properties");
		Http http = method.getAnnotation(Command.class).http();
		assertThat(api.get("Method")).isEqualTo(http.method());
		String path = "/api/v1/" + http.path().replaceAll(":([A-Za-z]+)", "{$1}");
		assertThat(api.get("Path")).isEqualTo(path);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		assertThat(parent).containsKey(key);
		return map(parent.get(key));
	}

	private static Map<String, Object> load(Path file) {
		try (Reader reader = Files.newBufferedReader(file)) {
			return new Yaml(new CloudFormationConstructor()).load(reader);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read " + file, ex);
		}
	}

	/** Reads CloudFormation's short-form functions ({@code !Ref x}, {@code !Sub ...}) as their text. */
	private static final class CloudFormationConstructor extends SafeConstructor {

		CloudFormationConstructor() {
			super(new LoaderOptions());
			for (String function : new String[] { "!Ref", "!Sub", "!GetAtt" }) {
				this.yamlConstructors.put(new Tag(function), new AbstractConstruct() {
					@Override
					public Object construct(Node node) {
						return function + " " + ((ScalarNode) node).getValue();
					}
				});
			}
		}

	}

}
