package dev.purista.benchmarks.coldstart;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import dev.purista.benchmarks.coldstart.ColdStartRun.Measurement;

/**
 * One variant's figures: first response and CPU, min and median.
 *
 * @param variant the variant
 * @param java the {@code java} it ran on
 * @param firstResponseMin fastest first response
 * @param firstResponseMedian median first response
 * @param cpuMin least CPU
 * @param cpuMedian median CPU
 */
record ColdStartRow(Variant variant, Path java, Duration firstResponseMin, Duration firstResponseMedian,
		Duration cpuMin, Duration cpuMedian) {

	static ColdStartRow of(Variant variant, Path java, List<Measurement> measurements) {
		return new ColdStartRow(variant, java, min(measurements, Measurement::firstResponse),
				median(measurements, Measurement::firstResponse), min(measurements, Measurement::cpu),
				median(measurements, Measurement::cpu));
	}

	/**
	 * The rows as a Markdown table.
	 * @param rows the rows
	 * @param runs runs per variant
	 * @return the table
	 */
	static String table(List<ColdStartRow> rows, int runs) {
		StringBuilder table = new StringBuilder();
		table.append("First response of the serverless sample under the Lambda runtime interface client, ")
			.append(runs)
			.append(" fresh JVMs per variant\n\n");
		table.append("| variant | JVM options | first response min / median | CPU min / median |\n");
		table.append("|---|---|---:|---:|\n");
		for (ColdStartRow row : rows) {
			table.append("| ")
				.append(row.variant().id())
				.append(" | ")
				.append(String.join(" ", row.variant().runOptions(Path.of("<archive>"))))
				.append(" | ")
				.append(seconds(row.firstResponseMin()))
				.append(" / ")
				.append(seconds(row.firstResponseMedian()))
				.append(" s | ")
				.append(seconds(row.cpuMin()))
				.append(" / ")
				.append(seconds(row.cpuMedian()))
				.append(" s |\n");
		}
		return table.toString();
	}

	private static Duration min(List<Measurement> measurements, Function<Measurement, Duration> value) {
		return measurements.stream().map(value).min(Comparator.naturalOrder()).orElseThrow();
	}

	private static Duration median(List<Measurement> measurements, Function<Measurement, Duration> value) {
		List<Duration> sorted = measurements.stream().map(value).sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static String seconds(Duration duration) {
		return String.format("%.2f", duration.toMillis() / 1000.0);
	}

}
