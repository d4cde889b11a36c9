package dev.purista.sample.edge.sensor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The sample's default uploader: logs each batch instead of sending it anywhere. A device declares a
 * {@link ReadingUploader} bean that posts to its backend.
 */
public class LoggingReadingUploader implements ReadingUploader {

	private static final Log logger = LogFactory.getLog(LoggingReadingUploader.class);

	@Override
	public void upload(ReadingBatch batch) {
		logger.info("Uploaded batch " + batch.batchId() + " with " + batch.readings().size() + " readings");
	}

}
