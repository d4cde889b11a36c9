package dev.purista.sample.edge;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the edge sample ({@code sample.edge.*}).
 */
@ConfigurationProperties("sample.edge")
public class SampleEdgeProperties {

	/** The id the readings of this device's sensor carry. */
	private String sensorId = "sensor-1";

	/** Whether the sensor is read on a schedule; without it readings come only from other callers. */
	private boolean readerEnabled = true;

	/** Delay between the end of one recorded reading and the next reading. */
	private Duration readInterval = Duration.ofSeconds(1);

	/** The value whose crossing (either way) emits thresholdCrossed. */
	private double threshold = 30;

	/** How many readings are uploaded in one batch (one job on the reading-upload queue). */
	private int batchSize = 10;

	private final Simulation simulation = new Simulation();

	private final Health health = new Health();

	public String getSensorId() {
		return this.sensorId;
	}

	public void setSensorId(String sensorId) {
		this.sensorId = sensorId;
	}

	public boolean isReaderEnabled() {
		return this.readerEnabled;
	}

	public void setReaderEnabled(boolean readerEnabled) {
		this.readerEnabled = readerEnabled;
	}

	public Duration getReadInterval() {
		return this.readInterval;
	}

	public void setReadInterval(Duration readInterval) {
		this.readInterval = readInterval;
	}

	public double getThreshold() {
		return this.threshold;
	}

	public void setThreshold(double threshold) {
		this.threshold = threshold;
	}

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	public Simulation getSimulation() {
		return this.simulation;
	}

	public Health getHealth() {
		return this.health;
	}

	/**
	 * The simulated sensor, used when the application declares no {@code SensorSource}.
	 */
	public static class Simulation {

		/** The value the simulated readings swing around. */
		private double base = 25;

		/** How far they swing. */
		private double amplitude = 10;

		/** Readings per full swing. */
		private int period = 60;

		/** Seed of the noise: the same seed gives the same readings. */
		private long seed = 42;

		public double getBase() {
			return this.base;
		}

		public void setBase(double base) {
			this.base = base;
		}

		public double getAmplitude() {
			return this.amplitude;
		}

		public void setAmplitude(double amplitude) {
			this.amplitude = amplitude;
		}

		public int getPeriod() {
			return this.period;
		}

		public void setPeriod(int period) {
			this.period = period;
		}

		public long getSeed() {
			return this.seed;
		}

		public void setSeed(long seed) {
			this.seed = seed;
		}

	}

	/**
	 * The health endpoint on the JDK's HTTP server (no servlet container).
	 */
	public static class Health {

		/** Whether health is served over HTTP. */
		private boolean enabled = true;

		/** The address to listen on. */
		private String address = "0.0.0.0";

		/** The port to listen on; 0 for any free port. */
		private int port = 8080;

		/** Whether components and their details are shown besides the status. */
		private boolean showDetails;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getAddress() {
			return this.address;
		}

		public void setAddress(String address) {
			this.address = address;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public boolean isShowDetails() {
			return this.showDetails;
		}

		public void setShowDetails(boolean showDetails) {
			this.showDetails = showDetails;
		}

	}

}
