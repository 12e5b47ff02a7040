package io.hookguard.http.source;

import java.util.Objects;

/**
 * A delivery that passed verification but cannot be taken as it is (answer 400): its key is missing or too long,
 * its form has no {@code payload}, ... {@link #where()} names where the problem is ({@code header 'webhook-id'},
 * {@code JSON pointer /id}, {@code form field 'payload'}); the message is the problem's detail.
 */
public final class BadDeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String where;

    public BadDeliveryException(String where, String detail) {
        super(Objects.requireNonNull(detail, "detail"), null, false, false);
        this.where = Objects.requireNonNull(where, "where");
    }

    /** Where the problem was found, as a reader of the 400 problem needs it. */
    public String where() {
        return where;
    }
}
