package dev.purista.sample.edge.sensor;

/**
 * Sends a batch of readings off the device (to a backend, a cloud ingestion endpoint). Called by the upload
 * worker on a queue worker thread; several batches may be uploaded at the same time.
 */
@FunctionalInterface
public interface ReadingUploader {

	/**
	 * Upload a batch; throwing makes the queue retry the job with backoff.
	 * @param batch the batch
	 * @throws Exception when the upload failed
	 */
	void upload(ReadingBatch batch) throws Exception;

}
