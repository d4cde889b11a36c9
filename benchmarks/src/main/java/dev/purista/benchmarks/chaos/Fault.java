package dev.purista.benchmarks.chaos;

import java.time.Duration;
import java.util.Arrays;

/**
 * The faults a scenario injects, one per scenario, mid-load. {@link #inject} blocks until the fault is over
 * (the broker is back, the user process answers again); the email processes are not restarted, since the
 * other instance is meant to take over their work.
 */
enum Fault {

	/** No fault: a baseline. */
	NONE("none") {
		@Override
		void inject(Deployment deployment, ChaosOptions options) {
		}
	},

	/**
	 * RabbitMQ stopped, started again with its data {@code --rabbitmq-down} later; the start takes 8-11 s more
	 * until RabbitMQ accepts connections.
	 */
	RABBITMQ("rabbitmq") {
		@Override
		void inject(Deployment deployment, ChaosOptions options) {
			deployment.brokers().stop("rabbitmq");
			Pause.of(options.rabbitmqDown());
			deployment.brokers().start("rabbitmq");
		}
	},

	/** Redis stopped for {@code --redis-down} (default: started again at once), data kept by its append-only file. */
	REDIS("redis") {
		@Override
		void inject(Deployment deployment, ChaosOptions options) {
			deployment.brokers().stop("redis");
			Pause.of(options.redisDown());
			deployment.brokers().start("redis");
		}
	},

	/** SIGKILL of the first email process; not restarted, the second one takes over. */
	KILL_EMAIL("kill-email") {
		@Override
		void inject(Deployment deployment, ChaosOptions options) {
			deployment.firstEmail().kill();
		}
	},

	/**
	 * SIGSTOP of the first email process, SIGKILL 5 s later; not restarted. A frozen worker's pending lease calls
	 * still take jobs from the queue (Redis moves them to processing), so, unlike a plain SIGKILL between two ~1 ms
	 * sends, it dies holding jobs (a worker that hangs and is then killed, e.g. by a liveness probe).
	 */
	FREEZE_KILL_EMAIL("freeze-kill-email") {
		@Override
		void inject(Deployment deployment, ChaosOptions options) {
			deployment.firstEmail().freeze();
			Pause.of(Duration.ofSeconds(5));
			deployment.firstEmail().kill();
		}
	},

	/** SIGTERM of the first email process, waiting for its graceful shutdown; not restarted. */
	TERM_EMAIL("term-email") {
		@Override
		void inject(Deployment deployment, ChaosOptions options) {
			if (!deployment.firstEmail().terminate(Duration.ofSeconds(60))) {
				throw new IllegalStateException("email-1 still runs 60 s after SIGTERM");
			}
		}
	},

	/** SIGTERM of the user process, waiting for its graceful shutdown, then started again until ready. */
	TERM_USER("term-user") {
		@Override
		void inject(Deployment deployment, ChaosOptions options) {
			if (!deployment.user().terminate(Duration.ofSeconds(60))) {
				throw new IllegalStateException("user still runs 60 s after SIGTERM");
			}
			deployment.user().start();
			deployment.user().awaitReady(deployment.client(), Duration.ofMinutes(2));
		}
	};

	private final String id;

	Fault(String id) {
		this.id = id;
	}

	/**
	 * Inject the fault and wait until it is over.
	 * @param deployment the running processes and brokers
	 * @param options the run's options (down times)
	 */
	abstract void inject(Deployment deployment, ChaosOptions options);

	/**
	 * The fault's name in options and tables.
	 * @return e.g. {@code kill-email}
	 */
	String id() {
		return this.id;
	}

	/**
	 * The fault of a name.
	 * @param id e.g. {@code kill-email}
	 * @return the fault
	 * @throws IllegalArgumentException for an unknown name
	 */
	static Fault of(String id) {
		return Arrays.stream(values())
			.filter((fault) -> fault.id.equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown fault " + id));
	}

}
