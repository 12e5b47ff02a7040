package io.hookguard.domain.deliveries;

import java.time.Instant;
import java.util.Objects;

/**
 * A position in the newest-first list of deliveries: the (received at, sequence) of the last row of a page. The
 * next page holds the rows strictly before it, so rows that arrive meanwhile never shift a page (keyset paging).
 */
public record DeliveryCursor(Instant receivedAt, long sequence) {

    public DeliveryCursor {
        Objects.requireNonNull(receivedAt, "'receivedAt' is required");
        if (sequence < 0) {
            throw new IllegalArgumentException("'sequence' must not be negative");
        }
    }

    /** The cursor as one URL-safe token: {@code <epoch seconds>.<nanos>.<sequence>}. */
    public String token() {
        return receivedAt.getEpochSecond() + "." + receivedAt.getNano() + "." + sequence;
    }

    /** Reads a {@link #token()}; the message names the field. */
    public static DeliveryCursor parse(String token) {
        Objects.requireNonNull(token, "'before' is required");
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("'before' must be a cursor taken from a page's next link");
        }
        try {
            long seconds = Long.parseLong(parts[0]);
            int nanos = Integer.parseInt(parts[1]);
            if (nanos < 0 || nanos > 999_999_999) {
                throw new IllegalArgumentException("'before' must be a cursor taken from a page's next link");
            }
            return new DeliveryCursor(Instant.ofEpochSecond(seconds, nanos), Long.parseLong(parts[2]));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("'before' must be a cursor taken from a page's next link");
        }
    }
}
