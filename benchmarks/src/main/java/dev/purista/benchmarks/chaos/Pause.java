package dev.purista.benchmarks.chaos;

import java.time.Duration;

/**
 * Waiting in the run's own timeline (the load's pacing, the fault's down time, polling); an interrupt ends the
 * wait early and stays set.
 */
final class Pause {

	private Pause() {
	}

	/**
	 * Wait for the given time.
	 * @param duration how long
	 */
	static void of(Duration duration) {
		try {
			Thread.sleep(Math.max(0, duration.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Wait until the given {@link System#nanoTime()}.
	 * @param nanoTime the time
	 */
	static void until(long nanoTime) {
		of(Duration.ofNanos(nanoTime - System.nanoTime()));
	}

}
