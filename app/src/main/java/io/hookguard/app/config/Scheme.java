package io.hookguard.app.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a source proves where a request comes from, as written after {@code verify:} in the configuration file. */
public enum Scheme {
    GITHUB("github"),
    STANDARD_WEBHOOKS("standard-webhooks"),
    STRIPE("stripe"),
    HMAC("hmac"),
    NONE("none");

    static final String ACCEPTED = Arrays.stream(values()).map(Scheme::id).collect(Collectors.joining(", "));

    private final String id;

    Scheme(String id) {
        this.id = id;
    }

    /** The name used in the file, such as {@code standard-webhooks}. */
    public String id() {
        return id;
    }

    /** Whether the signature carries a timestamp checked against a tolerance (and so the window must cover it). */
    public boolean timestamped() {
        return this == STANDARD_WEBHOOKS || this == STRIPE;
    }

    static Scheme parse(String text) {
        for (Scheme scheme : values()) {
            if (scheme.id.equals(text)) {
                return scheme;
            }
        }
        throw new Invalid("unknown scheme '" + text + "'", ACCEPTED);
    }

    @Override
    public String toString() {
        return id;
    }
}
