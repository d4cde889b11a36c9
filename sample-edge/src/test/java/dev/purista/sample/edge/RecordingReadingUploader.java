package dev.purista.sample.edge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.purista.sample.edge.sensor.ReadingBatch;
import dev.purista.sample.edge.sensor.ReadingUploader;

/**
 * The uploader of the tests: keeps every batch it was given, in order.
 */
final class RecordingReadingUploader implements ReadingUploader {

	private final List<ReadingBatch> uploaded = new CopyOnWriteArrayList<>();

	@Override
	public void upload(ReadingBatch batch) {
		this.uploaded.add(batch);
	}

	List<ReadingBatch> uploaded() {
		return this.uploaded;
	}

}
