package io.hookguard.domain.deliveries;

import io.hookguard.domain.idempotency.ReceivedRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The request a sender made, as stored: its headers in arrival order (without credentials), its content type and its
 * raw body. {@link #body()} is a text view of the body for display; {@link #text()} says whether the body is UTF-8 at
 * all. The body array is not copied (bodies can be tens of MiB); callers must not change it.
 */
public record StoredRequest(List<Header> headers, String contentType, byte[] rawBody) {

    /** The content type of a request stored from text only ({@link #StoredRequest(List, String)}). */
    public static final String TEXT = "text/plain; charset=utf-8";

    public StoredRequest {
        headers = List.copyOf(Objects.requireNonNull(headers, "'headers' is required"));
        Objects.requireNonNull(contentType, "'contentType' is required");
        Objects.requireNonNull(rawBody, "'rawBody' is required");
    }

    /** A request with a UTF-8 text body of content type {@value #TEXT}. */
    public StoredRequest(List<Header> headers, String body) {
        this(headers, TEXT, Objects.requireNonNull(body, "'body' is required").getBytes(StandardCharsets.UTF_8));
    }

    /** The request as the intake received it: its headers, content type and body. */
    public static StoredRequest of(ReceivedRequest request) {
        Objects.requireNonNull(request, "'request' is required");
        return new StoredRequest(request.headers().stream().map(h -> new Header(h.name(), h.value())).toList(),
                request.received().contentType(), request.received().body());
    }

    /** The body as text: decoded as UTF-8, with U+FFFD for bytes that are not. */
    public String body() {
        return new String(rawBody, StandardCharsets.UTF_8);
    }

    /** The body as text when it is valid UTF-8; empty for binary bodies (show them base64-encoded). */
    public Optional<String> text() {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(rawBody))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredRequest that && headers.equals(that.headers)
                && contentType.equals(that.contentType) && Arrays.equals(rawBody, that.rawBody);
    }

    @Override
    public int hashCode() {
        return Objects.hash(headers, contentType, Arrays.hashCode(rawBody));
    }

    @Override
    public String toString() {
        return "StoredRequest[headers=" + headers + ", contentType=" + contentType + ", body=" + rawBody.length
                + " bytes]";
    }

    /** One request header as stored. */
    public record Header(String name, String value) {

        public Header {
            Objects.requireNonNull(name, "'name' is required");
            Objects.requireNonNull(value, "'value' is required");
        }
    }
}
