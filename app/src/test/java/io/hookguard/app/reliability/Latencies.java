package io.hookguard.app.reliability;

import java.util.Collection;

/** Percentiles of request latencies, in milliseconds. */
record Latencies(int count, double p50, double p99, double max) {

    static Latencies of(Collection<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Latencies(0, 0, 0, 0);
        }
        return new Latencies(sorted.length, millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.99)),
                millis(sorted[sorted.length - 1]));
    }

    private static long percentile(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    @Override
    public String toString() {
        return "n=" + count + " p50=" + Figures.millis(p50) + " p99=" + Figures.millis(p99) + " max=" + Figures.millis(max);
    }
}
