package io.hookguard.domain.idempotency;

/** The one rule for how many rows a listing may ask for: 1..{@value #MAX}. */
public final class ListLimit {

    public static final int MAX = 500;

    private ListLimit() {
    }

    /** Returns {@code limit} if it is 1..{@value #MAX}; else throws, naming the field {@code limit}. */
    public static int checked(int limit) {
        if (limit < 1 || limit > MAX) {
            throw new InvalidInputException("limit", "must be 1.." + MAX);
        }
        return limit;
    }
}
