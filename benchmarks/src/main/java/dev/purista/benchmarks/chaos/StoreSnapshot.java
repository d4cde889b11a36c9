package dev.purista.benchmarks.chaos;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * What Redis holds of one scenario: the users the User service created (its email index
 * {@code user-email:<email>} → user id), the welcome-mail jobs enqueued (the queue's idempotency records
 * {@code purista:queue:welcome-email:idempotency:welcome:<userId>}), the jobs not yet done and the jobs
 * dead-lettered.
 *
 * @param users user id by sign-up index
 * @param jobs the sign-up indexes a job was enqueued for
 * @param openJobs jobs in the queue's job hash (waiting, leased or scheduled for a retry)
 * @param deadLetters jobs in the queue's dead-letter list
 */
record StoreSnapshot(Map<Integer, String> users, Set<Integer> jobs, long openJobs, long deadLetters) {

	private static final String QUEUE = "purista:queue:welcome-email";

	/**
	 * Read the snapshot (a few scans, blocking).
	 * @param redis a connection to the run's Redis
	 * @param tag the scenario's tag
	 * @return the snapshot
	 */
	static StoreSnapshot read(RedisCommands<String, String> redis, String tag) {
		Map<Integer, String> users = new HashMap<>();
		Map<String, Integer> indexByUser = new HashMap<>();
		for (String key : scan(redis, "user-email:" + SignUpLoad.prefix(tag) + "*")) {
			String email = key.substring("user-email:".length());
			int index = SignUpLoad.index(tag, email.substring(0, Math.max(0, email.indexOf('@'))));
			String json = redis.get(key);
			if (index >= 0 && json != null) {
				String userId = json.replace("\"", "");
				users.put(index, userId);
				indexByUser.put(userId, index);
			}
		}
		Set<Integer> jobs = new HashSet<>();
		String idempotency = QUEUE + ":idempotency:welcome:";
		for (String key : scan(redis, idempotency + "*")) {
			Integer index = indexByUser.get(key.substring(idempotency.length()));
			if (index != null) {
				jobs.add(index);
			}
		}
		return new StoreSnapshot(users, jobs, redis.hlen(QUEUE + ":jobs"), redis.llen(QUEUE + ":dead-letter"));
	}

	private static Set<String> scan(RedisCommands<String, String> redis, String pattern) {
		Set<String> keys = new HashSet<>();
		ScanArgs args = ScanArgs.Builder.matches(pattern).limit(1000);
		KeyScanCursor<String> cursor = redis.scan(args);
		keys.addAll(cursor.getKeys());
		while (!cursor.isFinished()) {
			cursor = redis.scan(ScanCursor.of(cursor.getCursor()), args);
			keys.addAll(cursor.getKeys());
		}
		return keys;
	}

}
