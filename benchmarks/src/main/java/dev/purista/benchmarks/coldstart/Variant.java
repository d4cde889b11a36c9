package dev.purista.benchmarks.coldstart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM configuration of the function: which {@code java}, whether Spring AOT's generated context is used, and
 * which class-data archive (JDK 17+ CDS, or the JDK 25 AOT cache) is trained and used.
 */
enum Variant {

	/** JDK 17 as Lambda's Java runtime starts it. */
	PLAIN("plain", false, Archive.NONE),

	/** With Spring AOT (process-aot) only. */
	AOT("aot", true, Archive.NONE),

	/** With a dynamic CDS archive trained on the function. */
	CDS("cds", false, Archive.CDS),

	/** With Spring AOT (process-aot) and the dynamic CDS archive. */
	AOT_CDS("aot-cds", true, Archive.CDS),

	/** JDK 25 with Spring AOT and the JDK 25 AOT cache (JEP 483/514), trained on the function. */
	JDK25_AOT_CACHE("jdk25-aot-cache", true, Archive.AOT_CACHE);

	/** The JVM options Lambda's managed Java runtime sets. */
	static final List<String> LAMBDA_JVM_OPTIONS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
			"-XX:+UseSerialGC");

	private final String id;

	private final boolean springAot;

	private final Archive archive;

	Variant(String id, boolean springAot, Archive archive) {
		this.id = id;
		this.springAot = springAot;
		this.archive = archive;
	}

	String id() {
		return this.id;
	}

	boolean needsJdk25() {
		return this.archive == Archive.AOT_CACHE;
	}

	boolean needsTraining() {
		return this.archive != Archive.NONE;
	}

	/**
	 * The options of a measured run.
	 * @param archiveFile the trained archive
	 * @return the options
	 */
	List<String> runOptions(Path archiveFile) {
		List<String> options = common();
		switch (this.archive) {
			case CDS -> options.add("-XX:SharedArchiveFile=" + archiveFile);
			case AOT_CACHE -> options.add("-XX:AOTCache=" + archiveFile);
			case NONE -> options.add("-Xshare:auto");
		}
		return options;
	}

	/**
	 * The options of the training run: it writes the CDS archive, or the JDK 25 AOT configuration that
	 * {@link #creationOptions} turns into the cache, when the JVM exits.
	 * @param archiveFile the archive the measured runs use
	 * @return the options
	 */
	List<String> trainingOptions(Path archiveFile) {
		List<String> options = common();
		switch (this.archive) {
			case CDS -> options.add("-XX:ArchiveClassesAtExit=" + archiveFile);
			case AOT_CACHE -> {
				options.add("-XX:AOTMode=record");
				options.add("-XX:AOTConfiguration=" + configurationFile(archiveFile));
			}
			case NONE -> throw new IllegalStateException(this.id + " has no training run");
		}
		return options;
	}

	/**
	 * The options of the step after training that creates the archive, if the variant has one (the JDK 25 AOT
	 * cache is created from the recorded configuration; a CDS archive is written by the training run itself).
	 * @param archiveFile the archive to create
	 * @return the options, empty when there is no such step
	 */
	List<String> creationOptions(Path archiveFile) {
		if (this.archive != Archive.AOT_CACHE) {
			return List.of();
		}
		List<String> options = common();
		options.add("-XX:AOTMode=create");
		options.add("-XX:AOTConfiguration=" + configurationFile(archiveFile));
		options.add("-XX:AOTCache=" + archiveFile);
		return options;
	}

	private static Path configurationFile(Path archiveFile) {
		return archiveFile.resolveSibling(archiveFile.getFileName() + "conf");
	}

	private List<String> common() {
		List<String> options = new ArrayList<>(LAMBDA_JVM_OPTIONS);
		if (this.springAot) {
			options.add("-Dspring.aot.enabled=true");
		}
		return options;
	}

	static Variant of(String id) {
		for (Variant variant : values()) {
			if (variant.id.equals(id)) {
				return variant;
			}
		}
		throw new IllegalArgumentException("unknown variant '" + id + "'");
	}

	private enum Archive {

		NONE, CDS, AOT_CACHE

	}

}
