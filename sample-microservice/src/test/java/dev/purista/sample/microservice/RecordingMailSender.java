package dev.purista.sample.microservice;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.purista.sample.email.MailSender;

/**
 * The mail sender of one email instance in the end-to-end tests: counts the mails per address and can hold sends
 * until the test releases them.
 */
final class RecordingMailSender implements MailSender {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();

	private final AtomicInteger inSend = new AtomicInteger();

	private volatile CountDownLatch gate = new CountDownLatch(0);

	@Override
	public void send(String to, String subject) throws InterruptedException {
		CountDownLatch gate = this.gate;
		this.inSend.incrementAndGet();
		try {
			if (!gate.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				throw new IllegalStateException("the test did not release held mails");
			}
		}
		finally {
			this.inSend.decrementAndGet();
		}
		this.sends.computeIfAbsent(to, (key) -> new AtomicInteger()).incrementAndGet();
	}

	/**
	 * Hold every send from now on until {@link #release()}.
	 */
	void hold() {
		this.gate = new CountDownLatch(1);
	}

	/**
	 * Let held and later sends through.
	 */
	void release() {
		this.gate.countDown();
	}

	int inSend() {
		return this.inSend.get();
	}

	int sends(String to) {
		AtomicInteger count = this.sends.get(to);
		return (count != null) ? count.get() : 0;
	}

	int total() {
		return this.sends.values().stream().mapToInt(AtomicInteger::get).sum();
	}

}
