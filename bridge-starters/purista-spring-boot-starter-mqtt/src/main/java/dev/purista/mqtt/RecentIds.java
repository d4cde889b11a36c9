package dev.purista.mqtt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The message ids an endpoint saw last, to hand a message to each endpoint once although overlapping subscriptions
 * of one client may bring it more than once. Bounded: the oldest entries are forgotten. Thread-safe.
 */
final class RecentIds {

	private final Map<String, Boolean> seen;

	RecentIds(int capacity) {
		this.seen = new LinkedHashMap<>(capacity * 2, 0.75f, false) {

			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
				return size() > capacity;
			}

		};
	}

	/**
	 * Record that an endpoint sees a message.
	 * @param endpoint the endpoint's topic filter
	 * @param messageId the message id
	 * @return whether the endpoint had not seen it recently
	 */
	synchronized boolean firstSight(String endpoint, String messageId) {
		return this.seen.put(endpoint + '\n' + messageId, Boolean.TRUE) == null;
	}

}
