package io.hookguard.domain.outbox;

import java.util.Optional;

/**
 * Which messages an operator lists, newest first.
 *
 * @param destination only this destination's, or null for all
 * @param status      only in this state, or null for all
 * @param limit       at most this many, 1..{@value #MAX_LIMIT}
 */
public record MessageQuery(DestinationName destination, MessageStatus status, int limit) {

    public static final int MAX_LIMIT = 500;

    public MessageQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("'limit' must be 1.." + MAX_LIMIT);
        }
    }

    public Optional<DestinationName> onlyDestination() {
        return Optional.ofNullable(destination);
    }

    public Optional<MessageStatus> onlyStatus() {
        return Optional.ofNullable(status);
    }
}
