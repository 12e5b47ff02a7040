package io.hookguard.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads JSON request bodies as raw bytes (signatures are over the raw bytes): {@code application/json} or
 * 415; a declared length over the limit is 413 before anything is kept, and a chunked body is kept only to
 * one byte past the limit before it too gets 413.
 */
final class RequestBodies {

    /** How far past the limit a body is still read (and discarded) so that its sender sees the 413. */
    static final long DRAIN_ALLOWANCE = 1024 * 1024;

    private static final String JSON = "application/json";

    private final long maxBytes;

    RequestBodies(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    byte[] readJson(Context ctx) {
        requireJson(ctx.header("Content-Type"));
        try {
            InputStream in = ctx.req().getInputStream();
            long declared = ctx.req().getContentLengthLong();
            if (declared > maxBytes) {
                throw tooLarge(in, declared - maxBytes <= DRAIN_ALLOWANCE);
            }
            byte[] body = in.readNBytes((int) maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge(in, true);
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
    private ProblemException tooLarge(InputStream in, boolean drain) throws IOException {
        if (drain) {
            byte[] discard = new byte[8192];
            long left = DRAIN_ALLOWANCE;
            int read;
            while (left > 0 && (read = in.read(discard, 0, (int) Math.min(discard.length, left))) != -1) {
                left -= read;
            }
        }
        return new ProblemException(ProblemMapper.payloadTooLarge(maxBytes));
    }

    private static void requireJson(String contentType) {
        if (contentType == null) {
            throw new ProblemException(ProblemMapper.unsupportedMediaType("'Content-Type' must be application/json"));
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals(JSON)) {
            throw new ProblemException(ProblemMapper.unsupportedMediaType("'Content-Type' must be application/json"));
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT).replace("\"", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                throw new ProblemException(ProblemMapper.unsupportedMediaType("JSON bodies must be UTF-8"));
            }
        }
    }
}
