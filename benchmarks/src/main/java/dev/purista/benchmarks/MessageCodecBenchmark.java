package dev.purista.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;

import dev.purista.core.message.Command;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.message.Messages;

/**
 * What one message costs {@link MessageCodec} on a broker bridge's hot path: decoding a command and a success
 * response as they arrive from the broker, and encoding them, next to Jackson reading the same bytes into a
 * plain JSON tree (the floor of any decode that keeps the payload as JSON). Microseconds per operation, one
 * thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
public class MessageCodecBenchmark {

	/**
	 * The codec and the JSON of a command and of its success response, as the AMQP benchmark sends them.
	 */
	@State(Scope.Benchmark)
	public static class Messages2 {

		private final MessageCodec codec = new MessageCodec();

		private Command command;

		private Message response;

		private byte[] commandJson;

		private byte[] responseJson;

		@Setup
		public void prepare() {
			this.command = Messages.command(MessageAddress.of("Gateway", "1", "call").withInstanceId("caller"),
					MessageAddress.of("Echo", "1", "echo"), new AmqpCommandBenchmark.Email("a@b.co", "hi"), null,
					null, null, null, null);
			this.commandJson = this.codec.encode(this.command);
			Command received = (Command) this.codec.decode(this.commandJson);
			this.response = Messages.success(received, "responder", received.payload().payload(), null, null);
			this.responseJson = this.codec.encode(this.response);
		}

	}

	@Benchmark
	public Message decodeCommand(Messages2 messages) {
		return messages.codec.decode(messages.commandJson);
	}

	@Benchmark
	public Message decodeResponse(Messages2 messages) {
		return messages.codec.decode(messages.responseJson);
	}

	@Benchmark
	public byte[] encodeCommand(Messages2 messages) {
		return messages.codec.encode(messages.command);
	}

	@Benchmark
	public byte[] encodeResponse(Messages2 messages) {
		return messages.codec.encode(messages.response);
	}

	@Benchmark
	public JsonNode readTreeCommand(Messages2 messages) {
		return messages.codec.mapper().readTree(messages.commandJson);
	}

}
