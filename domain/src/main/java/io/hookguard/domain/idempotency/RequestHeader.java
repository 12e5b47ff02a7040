package io.hookguard.domain.idempotency;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** One header of a received request, as it arrived. */
public record RequestHeader(String name, String value) {

    /** The headers that carry credentials and are never stored or forwarded, in lower case. */
    public static final Set<String> CREDENTIALS = Set.of("authorization", "proxy-authorization", "cookie");

    public RequestHeader {
        Objects.requireNonNull(name, "'name' is required");
        Objects.requireNonNull(value, "'value' is required");
    }

    /** Whether this header carries credentials ({@link #CREDENTIALS}, any case). */
    public boolean isCredential() {
        return CREDENTIALS.contains(name.toLowerCase(Locale.ROOT));
    }
}
