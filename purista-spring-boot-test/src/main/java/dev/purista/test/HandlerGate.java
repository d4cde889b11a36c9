package dev.purista.test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets a test hold handlers in the middle of their work, for example to cut a broker connection while messages
 * are in flight: after {@link #hold()}, every thread that calls {@link #pass()} waits until {@link #release()}
 * (at most {@value #LIMIT_SECONDS} s), and {@link #held()} counts the threads that waited so.
 */
public final class HandlerGate {

	/** The longest a held thread waits when the test never releases it. */
	public static final long LIMIT_SECONDS = 30;

	private final AtomicInteger held = new AtomicInteger();

	private volatile CountDownLatch latch = new CountDownLatch(0);

	/**
	 * Hold the threads that pass from now on.
	 */
	public void hold() {
		this.latch = new CountDownLatch(1);
	}

	/**
	 * Let the held threads, and those that pass later, go on.
	 */
	public void release() {
		this.latch.countDown();
	}

	/**
	 * Go on at once, or, while held, wait for {@link #release()}.
	 * @throws InterruptedException if interrupted while held
	 */
	public void pass() throws InterruptedException {
		CountDownLatch latch = this.latch;
		if (latch.getCount() > 0) {
			this.held.incrementAndGet();
			latch.await(LIMIT_SECONDS, TimeUnit.SECONDS);
		}
	}

	/**
	 * How many threads were held so far.
	 * @return the count
	 */
	public int held() {
		return this.held.get();
	}

}
