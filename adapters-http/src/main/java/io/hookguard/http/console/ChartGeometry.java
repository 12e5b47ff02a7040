package io.hookguard.http.console;

import io.hookguard.domain.deliveries.CountDeliveriesPerMinute;
import io.hookguard.domain.deliveries.DeliveryOutcome;
import io.hookguard.domain.deliveries.MinuteCount;
import io.hookguard.http.console.ConsoleViews.Chart;
import io.hookguard.http.console.ConsoleViews.Label;
import io.hookguard.http.console.ConsoleViews.Legend;
import io.hookguard.http.console.ConsoleViews.Rect;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lays out the last hour's per-minute counts as stacked SVG bars: processed at the bottom, then failed, in flight. */
final class ChartGeometry {

    static final int LEFT = 40;
    static final int TOP = 10;
    static final int PLOT_HEIGHT = 120;
    static final int SLOT = 11;
    static final int BAR = 9;
    static final int BOTTOM = 24;

    private ChartGeometry() {
    }

    static Chart of(CountDeliveriesPerMinute.LastHour lastHour) {
        Map<Instant, Map<DeliveryOutcome, Long>> byMinute = new HashMap<>();
        Map<DeliveryOutcome, Long> totals = new EnumMap<>(DeliveryOutcome.class);
        for (MinuteCount count : lastHour.counts()) {
            byMinute.computeIfAbsent(count.minute(), ignored -> new EnumMap<>(DeliveryOutcome.class))
                    .merge(count.outcome(), count.count(), Long::sum);
            totals.merge(count.outcome(), count.count(), Long::sum);
        }
        int minutes = (int) Duration.between(lastHour.from(), lastHour.to()).toMinutes();
        long max = Math.max(1, byMinute.values().stream()
                .mapToLong(counts -> counts.values().stream().mapToLong(Long::longValue).sum()).max().orElse(0));
        List<Rect> rects = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        int baseline = TOP + PLOT_HEIGHT;
        for (int i = 0; i < minutes; i++) {
            Instant minute = lastHour.from().plus(Duration.ofMinutes(i));
            int x = LEFT + i * SLOT;
            int y = baseline;
            Map<DeliveryOutcome, Long> counts = byMinute.getOrDefault(minute, Map.of());
            for (DeliveryOutcome outcome : DeliveryOutcome.values()) {
                long count = counts.getOrDefault(outcome, 0L);
                if (count == 0) {
                    continue;
                }
                int height = Math.max(1, (int) Math.round(count * (double) PLOT_HEIGHT / max));
                y -= height;
                rects.add(new Rect(x, y, BAR, height, "bar-" + ConsoleRoutes.rowClass(outcome),
                        ConsoleFormat.minute(minute) + " UTC: " + count + " " + outcome.label().replace('_', ' ')));
            }
            if (i % 10 == 0) {
                labels.add(new Label(x, baseline + 16, "start", ConsoleFormat.minute(minute)));
            }
        }
        labels.add(new Label(LEFT - 6, TOP + 4, "end", Long.toString(max)));
        labels.add(new Label(LEFT - 6, baseline, "end", "0"));
        List<Legend> legend = new ArrayList<>();
        for (DeliveryOutcome outcome : DeliveryOutcome.values()) {
            legend.add(new Legend(outcome.label().replace('_', ' '), "bar-" + ConsoleRoutes.rowClass(outcome),
                    totals.getOrDefault(outcome, 0L)));
        }
        long total = totals.values().stream().mapToLong(Long::longValue).sum();
        return new Chart(LEFT + minutes * SLOT + 10, TOP + PLOT_HEIGHT + BOTTOM, rects, labels, legend, total);
    }
}
