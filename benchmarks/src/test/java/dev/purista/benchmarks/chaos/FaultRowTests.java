package dev.purista.benchmarks.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The fault run's accounting, from made-up requests, store contents and log lines (no brokers, no processes).
 */
class FaultRowTests {

	private static final String TAG = "t1";

	private static final long FAULT_START = Instant.parse("2026-12-03T10:00:00Z").toEpochMilli();

	@Test
	void mailLogReadsTheNameAndTimestampOfEachMailOfTheScenario() {
		MailLog mails = MailLog.parse(TAG, List.of(
				"2026-12-03T10:00:01.000Z  INFO 1 --- [sample] [w-1] d.p.s.e.LoggingMailSender : Sent mail 'Welcome, chaos-t1-0!'",
				"2026-12-03T10:00:02.500Z  INFO 1 --- [sample] [w-1] d.p.s.e.LoggingMailSender : Sent mail 'Welcome, chaos-t1-0!'",
				"2026-12-03T10:00:03.000Z  INFO 1 --- [sample] [w-1] LoggingMailSender : Sent mail 'Welcome, chaos-other-1!'",
				"2026-12-03T10:00:04.000Z  INFO 1 --- [sample] [main] d.p.s.u.UserService : Signed up user chaos-t1-2"));

		assertThat(mails.count(0)).isEqualTo(2);
		assertThat(mails.firstSentAt(0)).isEqualTo(FAULT_START + 1000);
		assertThat(mails.count(1)).isZero();
		assertThat(mails.count(2)).isZero();
		assertThat(mails.mailed()).containsExactly(0);
	}

	@Test
	void rowCountsStatusesHungRequestsAndWhatBecameOfEachUsersMail() {
		SignUpLoad.Outcomes outcomes = new SignUpLoad.Outcomes(6);
		outcomes.record(0, 200, FAULT_START, Duration.ofMillis(100));
		outcomes.record(1, 504, FAULT_START, Duration.ofSeconds(31));
		outcomes.record(2, 503, FAULT_START, Duration.ofMillis(5));
		outcomes.record(3, SignUpLoad.REFUSED, FAULT_START, Duration.ofMillis(1));
		outcomes.record(4, 200, FAULT_START, Duration.ofMillis(200));
		// index 5: never sent
		StoreSnapshot store = new StoreSnapshot(Map.of(0, "u0", 1, "u1", 4, "u4"), Set.of(0, 4), 1, 0);
		MailLog mails = MailLog.parse(TAG, List.of(
				"2026-12-03T10:00:10.000Z INFO Sent mail 'Welcome, chaos-t1-0!'",
				"2026-12-03T10:00:20.000Z INFO Sent mail 'Welcome, chaos-t1-0!'"));

		FaultRow row = FaultRow.of("rabbitmq:staging", outcomes, store, mails, FAULT_START, Duration.ofSeconds(20),
				Duration.ofSeconds(30));

		assertThat(row.sent()).isEqualTo(5);
		assertThat(row.ok()).isEqualTo(2);
		assertThat(row.statuses()).isEqualTo(Map.of(503, 1, 504, 1));
		assertThat(row.refused()).isEqualTo(1);
		assertThat(row.hung()).isEqualTo(1);
		assertThat(row.maxLatency()).isEqualTo(Duration.ofSeconds(31));
		assertThat(row.users()).isEqualTo(3);
		assertThat(row.createdNotOk()).isEqualTo(1);
		assertThat(row.jobs()).isEqualTo(2);
		assertThat(row.mailed()).isEqualTo(1);
		assertThat(row.lost()).isEqualTo(1);
		assertThat(row.twice()).isEqualTo(1);
		assertThat(row.withoutMail()).isEqualTo(2);
		assertThat(row.allMailed()).isNull();
		assertThat(row.maxDelay()).isEqualTo(Duration.ofSeconds(10));
		assertThat(row.markdown())
			.startsWith("| rabbitmq:staging | 20.0 s | 5 | 2 | 0 | 2 (503: 1, 504: 1) | 1 / 0 / 0 | 1 | 31.0 s | 3 |");
	}

	@Test
	void everyUserMailedGivesTheTimeFromTheFaultToTheLastMailOfSignUpsStartedBeforeItEnded() {
		SignUpLoad.Outcomes outcomes = new SignUpLoad.Outcomes(3);
		outcomes.record(0, 200, FAULT_START - 1000, Duration.ofMillis(100));
		outcomes.record(1, 200, FAULT_START + 1000, Duration.ofMillis(100));
		outcomes.record(2, 200, FAULT_START + 5000, Duration.ofMillis(100));
		StoreSnapshot store = new StoreSnapshot(Map.of(0, "u0", 1, "u1", 2, "u2"), Set.of(0, 1, 2), 0, 0);
		MailLog mails = MailLog.parse(TAG, List.of(
				"2026-12-03T10:00:45.500Z INFO Sent mail 'Welcome, chaos-t1-0!'",
				"2026-12-03T10:00:02.000Z INFO Sent mail 'Welcome, chaos-t1-1!'",
				"2026-12-03T10:00:50.000Z INFO Sent mail 'Welcome, chaos-t1-2!'"));

		FaultRow row = FaultRow.of("kill-email:staging", outcomes, store, mails, FAULT_START, Duration.ofSeconds(2),
				Duration.ofSeconds(30));

		assertThat(row.lost()).isZero();
		assertThat(row.withoutMail()).isZero();
		assertThat(row.allMailed()).isEqualTo(Duration.ofMillis(45_500));
		assertThat(row.maxDelay()).isEqualTo(Duration.ofMillis(46_500));
	}

	@Test
	void optionsHaveTheDocumentedDefaultsAndRejectUnknownNames() {
		ChaosOptions options = ChaosOptions.parse(new String[0], Map.of("PURISTA_BROKERS_REDIS_PORT", "6411"));

		assertThat(options.count()).isEqualTo(1000);
		assertThat(options.concurrency()).isEqualTo(16);
		assertThat(options.redisPort()).isEqualTo(6411);
		assertThat(options.rabbitmqPort()).isEqualTo(5673);
		assertThat(options.scenarios()).extracting(ChaosOptions.Scenario::name)
			.containsExactly("rabbitmq:staging", "rabbitmq:production", "redis:staging", "kill-email:staging",
					"freeze-kill-email:staging", "term-email:staging", "term-user:staging");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChaosOptions.parse(new String[] { "--cuont=5" }, Map.of()))
			.withMessageContaining("cuont");
	}

}
