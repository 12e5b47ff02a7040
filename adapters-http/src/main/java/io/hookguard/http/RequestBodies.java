package io.hookguard.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads JSON request bodies as raw bytes (signatures are over the raw bytes): {@code application/json} or
 * 415; a declared length over the limit is 413 before anything is read, and a chunked body is read only to
 * one byte past the limit before it too gets 413.
 */
final class RequestBodies {

    private static final String JSON = "application/json";

    private final long maxBytes;

    RequestBodies(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    byte[] readJson(Context ctx) {
        requireJson(ctx.header("Content-Type"));
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw new ProblemException(ProblemMapper.payloadTooLarge(maxBytes));
        }
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = in.readNBytes((int) maxBytes + 1);
        } catch (IOException e) {
            throw new ProblemException(ProblemMapper.invalid("the request body could not be read"));
        }
        if (body.length > maxBytes) {
            throw new ProblemException(ProblemMapper.payloadTooLarge(maxBytes));
        }
        return body;
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
