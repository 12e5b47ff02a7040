package io.hookguard.app.reliability;

import java.util.ArrayList;
import java.util.List;

/** The sender's record of one delivery: every try of every copy, and how each copy ended. */
final class DeliveryLog {

    /**
     * One try. {@code status} is the HTTP status, or {@link #NO_RESPONSE} when the connection failed or timed out;
     * times are {@link System#nanoTime()}.
     */
    record Attempt(int copy, int port, int status, boolean replayed, String retryAfter, long startNanos,
            long endNanos) {

        static final int NO_RESPONSE = -1;

        boolean success() {
            return status >= 200 && status < 300;
        }

        /** A 2xx that is not a replay: the instance says it processed the delivery now. */
        boolean processed() {
            return success() && !replayed;
        }

        long latencyNanos() {
            return endNanos - startNanos;
        }
    }

    /** How a copy ended: delivered (2xx), refused (a 4xx that retrying cannot change) or given up (bounds hit). */
    enum End { DELIVERED, REFUSED, GAVE_UP }

    private final Delivery delivery;
    private final List<Attempt> attempts = new ArrayList<>();
    private final List<End> ends = new ArrayList<>();

    DeliveryLog(Delivery delivery) {
        this.delivery = delivery;
    }

    Delivery delivery() {
        return delivery;
    }

    synchronized void add(Attempt attempt) {
        attempts.add(attempt);
    }

    synchronized void ended(End end) {
        ends.add(end);
    }

    synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    synchronized int sends() {
        return attempts.size();
    }

    synchronized long processedResponses() {
        return attempts.stream().filter(Attempt::processed).count();
    }

    /** Whether every copy was delivered: the sender saw a 2xx for each and stopped. */
    synchronized boolean delivered() {
        return !ends.isEmpty() && ends.stream().allMatch(end -> end == End.DELIVERED);
    }

    synchronized long ends(End end) {
        return ends.stream().filter(e -> e == end).count();
    }

    static List<DeliveryLog> of(List<Delivery> deliveries) {
        List<DeliveryLog> logs = new ArrayList<>(deliveries.size());
        deliveries.forEach(delivery -> logs.add(new DeliveryLog(delivery)));
        return logs;
    }
}
