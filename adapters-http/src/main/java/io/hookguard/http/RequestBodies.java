package io.hookguard.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads request bodies as raw bytes (signatures are over the raw bytes), each into one array and nothing else: a
 * declared length is read straight into an array of that size, a declared length over the limit is 413 before
 * anything is kept, and a chunked body is kept only to one byte past the limit before it too gets 413. A source's
 * 413 is logged at WARN (one line) and counted by source.
 */
final class RequestBodies {

    /** How far past the limit a body is still read (and discarded) so that its sender sees the 413. */
    static final long DRAIN_ALLOWANCE = 1024 * 1024;

    static final String JSON = "application/json";

    private static final Logger LOG = LoggerFactory.getLogger(RequestBodies.class);

    private final long maxBytes;
    private final SourceObserver observer;

    RequestBodies(long maxBytes) {
        this(maxBytes, SourceObserver.NONE);
    }

    RequestBodies(long maxBytes, SourceObserver observer) {
        this.maxBytes = maxBytes;
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** A JSON body within the server's limit ({@code application/json} or 415). */
    byte[] readJson(Context ctx) {
        requireJson(ctx.header("Content-Type"));
        return read(ctx, maxBytes, null);
    }

    /**
     * The body of a request of {@code source}, within {@code limit}; the caller checks the content type.
     *
     * @param source the source's name for the log line and the metric of a 413, or null for none
     */
    byte[] read(Context ctx, long limit, String source) {
        try {
            InputStream in = ctx.req().getInputStream();
            long declared = ctx.req().getContentLengthLong();
            if (declared > limit) {
                throw tooLarge(in, declared - limit <= DRAIN_ALLOWANCE, limit, source, declared);
            }
            if (declared >= 0) {
                byte[] body = new byte[(int) declared];
                int read = in.readNBytes(body, 0, body.length);
                if (read < body.length) {
                    throw new ProblemException(ProblemMapper.invalid("the request body ended before its "
                            + "Content-Length of " + declared + " bytes"));
                }
                return body;
            }
            byte[] body = in.readNBytes((int) limit + 1);
            if (body.length > limit) {
                throw tooLarge(in, true, limit, source, -1);
            }
            return body;
        } catch (IOException e) {
            throw new ProblemException(ProblemMapper.invalid("the request body could not be read"));
        }
    }

    /**
     * The 413 problem. A client that writes its whole body before reading the response only sees the 413 if
     * the body is consumed, so up to {@link #DRAIN_ALLOWANCE} more bytes are read and discarded (never kept);
     * past that the server closes the connection.
     */
    private ProblemException tooLarge(InputStream in, boolean drain, long limit, String source, long declared)
            throws IOException {
        if (source != null) {
            LOG.warn("body too large: source={} limit_bytes={} size_bytes={}", source, limit,
                    declared >= 0 ? Long.toString(declared) : "unknown (over the limit)");
            observer.bodyTooLarge(source);
        }
        if (drain) {
            byte[] discard = new byte[8192];
            long left = DRAIN_ALLOWANCE;
            int read;
            while (left > 0 && (read = in.read(discard, 0, (int) Math.min(discard.length, left))) != -1) {
                left -= read;
            }
        }
        return new ProblemException(ProblemMapper.payloadTooLarge(limit));
    }

    /** The media type of {@code contentType} in lower case, parameters left out; null when there is none. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    static void requireJson(String contentType) {
        if (contentType == null) {
            throw new ProblemException(ProblemMapper.unsupportedMediaType("'Content-Type' must be application/json"));
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals(JSON)) {
            throw new ProblemException(ProblemMapper.unsupportedMediaType("'Content-Type' must be application/json"));
        }
        requireUtf8(parts);
    }

    static void requireUtf8(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT).replace("\"", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                throw new ProblemException(ProblemMapper.unsupportedMediaType("JSON bodies must be UTF-8"));
            }
        }
    }
}
