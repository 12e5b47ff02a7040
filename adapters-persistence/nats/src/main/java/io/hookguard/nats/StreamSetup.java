package io.hookguard.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the configured stream exists: creates it when missing (capturing the subject, on file storage, with
 * the duplicate window the settings need) and leaves an existing one as it is, saying so in one line when its
 * duplicate window is too short to catch a republish.
 */
final class StreamSetup {

    static final int STREAM_NOT_FOUND = 10059;
    static final int STREAM_NAME_IN_USE = 10058;

    private static final Logger LOG = LoggerFactory.getLogger(StreamSetup.class);

    private final NatsSettings settings;

    StreamSetup(NatsSettings settings) {
        this.settings = settings;
    }

    void ensure(JetStreamManagement management) throws IOException, JetStreamApiException {
        String stream = settings.streamName().orElseThrow();
        StreamInfo info;
        try {
            info = management.getStreamInfo(stream);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
            create(management, stream);
            return;
        }
        warnIfWindowTooShort(stream, info.getConfiguration().getDuplicateWindow());
    }

    private void create(JetStreamManagement management, String stream) throws IOException, JetStreamApiException {
        StreamConfiguration config = StreamConfiguration.builder()
                .name(stream)
                .description("Created by Hookguard for destination '" + settings.name() + "'")
                .subjects(settings.subject())
                .storageType(StorageType.File)
                .duplicateWindow(settings.duplicateWindow())
                .build();
        try {
            management.addStream(config);
            LOG.info("NATS destination '{}' created stream {} for subject {} with a duplicate window of {}",
                    settings.name(), stream, settings.subject(), settings.duplicateWindow());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
                throw e;
            }
            // Another instance created it first: use theirs.
            warnIfWindowTooShort(stream, management.getStreamInfo(stream).getConfiguration().getDuplicateWindow());
        }
    }

    private void warnIfWindowTooShort(String stream, Duration window) {
        Duration needed = settings.duplicateWindow();
        if (window != null && window.compareTo(needed) < 0) {
            LOG.warn("NATS stream {} keeps message ids for {}, shorter than the {} destination '{}' needs: a message"
                    + " republished after a lost acknowledgement may be stored twice (left unchanged)",
                    stream, window, needed, settings.name());
        }
    }
}
