package dev.purista.core.message;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RecordCreators}: records are created through the prepared constructor handle, with the
 * values and the errors Jackson's own instantiator gives.
 */
class RecordCreatorsTests {

	static final AtomicReference<List<String>> creators = new AtomicReference<>();

	private final JsonMapper puristaMapper = MessageCodec.defaultMapper();

	private final JsonMapper plainMapper = JsonMapper.builder().build();

	@Test
	void publicRecordsAreCreatedThroughThePreparedHandle() {
		Probe probe = this.puristaMapper.readValue("{\"name\":\"a\",\"count\":2,\"tags\":[\"x\"]}", Probe.class);
		List<String> callers = creators.get();
		assertThat(probe).isEqualTo(new Probe("a", 2, List.of("x")));
		assertThat(callers).contains(RecordCreators.class.getName() + "$RecordInstantiator")
			.noneMatch((frame) -> frame.startsWith("java.lang.invoke.MethodHandle"));
	}

	@Test
	void payloadsConvertedByTheCodecAreCreatedThroughThePreparedHandle() {
		MessageCodec codec = new MessageCodec();
		Command command = Messages.command(MessageAddress.of("A", "1", "a"), MessageAddress.of("B", "1", "b"),
				new Probe("p", 1, List.of()), null, null, null, null, null);
		Command decoded = (Command) codec.decode(codec.encode(command));
		assertThat(decoded.id()).isEqualTo(command.id());
		Probe payload = codec.convert(decoded.payload().payload(), Probe.class);
		List<String> callers = creators.get();
		assertThat(payload).isEqualTo(new Probe("p", 1, List.of()));
		assertThat(callers).contains(RecordCreators.class.getName() + "$RecordInstantiator");
	}

	@Test
	void constructorFailuresAreReportedAsJacksonReportsThem() {
		String json = "{\"name\":\"\",\"count\":2}";
		ValueInstantiationException plain = catchInstantiation(this.plainMapper, json);
		ValueInstantiationException purista = catchInstantiation(this.puristaMapper, json);
		assertThat(purista.getOriginalMessage()).isEqualTo(plain.getOriginalMessage());
		assertThat(purista.getCause()).isInstanceOf(IllegalArgumentException.class).hasMessage("name is blank");
	}

	@Test
	void recordsOfOtherAccessKeepJacksonsInstantiator() {
		Hidden hidden = this.puristaMapper.readValue("{\"value\":\"v\"}", Hidden.class);
		assertThat(hidden.value()).isEqualTo("v");
		assertThat(creators.get()).noneMatch((frame) -> frame.startsWith(RecordCreators.class.getName() + "$"));
	}

	private static ValueInstantiationException catchInstantiation(JsonMapper mapper, String json) {
		AtomicReference<ValueInstantiationException> caught = new AtomicReference<>();
		assertThatExceptionOfType(ValueInstantiationException.class)
			.isThrownBy(() -> mapper.readValue(json, Probe.class))
			.satisfies(caught::set);
		return caught.get();
	}

	private static void recordCaller() {
		creators.set(StackWalker.getInstance()
			.walk((frames) -> frames.map((frame) -> frame.getClassName()).toList()));
	}

	/**
	 * A public record that notes who called its constructor.
	 *
	 * @param name a name, not blank
	 * @param count a count
	 * @param tags tags
	 */
	public record Probe(String name, int count, List<String> tags) {

		public Probe {
			recordCaller();
			if (name.isBlank()) {
				throw new IllegalArgumentException("name is blank");
			}
		}

	}

	record Hidden(String value) {

		Hidden {
			recordCaller();
		}

	}

}
