package dev.purista.core.bridge.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts running handlers and refuses new work once intake stopped, so shutdown can wait for the running ones
 * to finish. Thread-safe; entering and leaving are lock-free.
 */
public final class InFlightTracker {

	private final AtomicInteger inFlight = new AtomicInteger();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition drained = this.lock.newCondition();

	private volatile boolean accepting = true;

	/**
	 * Start a unit of work if intake is open.
	 * @return {@code true} if the work may run (then {@link #leave()} must follow), {@code false} if intake
	 * stopped
	 */
	public boolean tryEnter() {
		if (!this.accepting) {
			return false;
		}
		this.inFlight.incrementAndGet();
		if (!this.accepting) {
			leave();
			return false;
		}
		return true;
	}

	/**
	 * Finish a unit of work started with {@link #tryEnter()}.
	 */
	public void leave() {
		if (this.inFlight.decrementAndGet() == 0 && !this.accepting) {
			this.lock.lock();
			try {
				this.drained.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/**
	 * Stop taking new work.
	 */
	public void stopIntake() {
		this.accepting = false;
	}

	/**
	 * Whether new work is taken.
	 * @return {@code true} until {@link #stopIntake()}
	 */
	public boolean isAccepting() {
		return this.accepting;
	}

	/**
	 * How many units of work are running.
	 * @return the count
	 */
	public int count() {
		return this.inFlight.get();
	}

	/**
	 * Wait until no work runs.
	 * @param timeout how long to wait at most
	 * @return {@code true} if drained in time
	 */
	public boolean awaitDrain(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		this.lock.lock();
		try {
			while (this.inFlight.get() > 0) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				this.drained.awaitNanos(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(50)));
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return this.inFlight.get() == 0;
		}
		finally {
			this.lock.unlock();
		}
	}

}
