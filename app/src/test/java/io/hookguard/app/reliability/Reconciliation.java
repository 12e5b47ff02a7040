package io.hookguard.app.reliability;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sender's log held against the database. For each delivery: its effect (phase 1 of its issue completed by its
 * workflow and phase 2 ready, counted by the committed writes that completed phase 1; or its row in the GitHub inbox), its idempotency record (one row, COMPLETED), and how
 * many times an instance answered "processed now". Nothing else may have changed.
 *
 * @param deliveries  distinct deliveries sent
 * @param sends       HTTP requests made for them, retries and copies included
 * @param effects     effects found in the database (a delivery applied twice counts twice)
 * @param lost        deliveries the sender saw accepted (2xx) whose effect is missing
 * @param doubled     deliveries applied more than once: two effects, two records, or two "processed" answers
 * @param undelivered deliveries of which some copy never got a 2xx (the sender gave up or was refused)
 * @param unrecorded  deliveries without exactly one COMPLETED idempotency record
 * @param stray       effects and records that belong to no delivery sent
 * @param problems    the first few problems, described, for assertion messages
 */
record Reconciliation(int deliveries, long sends, long effects, long lost, long doubled, long undelivered,
        long unrecorded, long stray, List<String> problems) {

    private static final int DESCRIBED = 10;

    static Reconciliation of(ScenarioDatabase database, List<DeliveryLog> logs) throws SQLException {
        Map<Integer, String[]> phases = new HashMap<>();
        for (String[] row : database.rows("SELECT parent_issue, phase_number, status, adw_id FROM phase_queue")) {
            String[] issue = phases.computeIfAbsent(Integer.parseInt(row[0]), i -> new String[3]);
            if (row[1].equals("1")) {
                issue[0] = row[2];
                issue[1] = row[3];
            } else if (row[1].equals("2")) {
                issue[2] = row[2];
            }
        }
        Map<String, Long> completions = new HashMap<>();
        for (String[] row : database.rows("SELECT queue_id, count(*) FROM reliability_phase_writes"
                + " WHERE status = 'completed' GROUP BY queue_id")) {
            completions.put(row[0], Long.parseLong(row[1]));
        }
        Map<String, Long> inbox = new HashMap<>();
        for (String[] row : database.rows("SELECT delivery_id, count(*) FROM github_deliveries GROUP BY delivery_id")) {
            inbox.put(row[0], Long.parseLong(row[1]));
        }
        Map<String, List<String>> records = new HashMap<>();
        for (String[] row : database.rows("SELECT webhook_type, webhook_id, status FROM webhook_events")) {
            records.computeIfAbsent(row[0] + "/" + row[1], key -> new ArrayList<>()).add(row[2]);
        }

        long sends = 0;
        long effects = 0;
        long lost = 0;
        long doubled = 0;
        long undelivered = 0;
        long unrecorded = 0;
        List<String> problems = new ArrayList<>();
        Set<Integer> issues = new HashSet<>();
        Set<String> deliveryIds = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (DeliveryLog log : logs) {
            Delivery delivery = log.delivery();
            sends += log.sends();
            String key = delivery.kind().type + "/" + delivery.webhookId();
            keys.add(key);
            long effect;
            if (delivery.kind() == Delivery.Kind.WORKFLOW_COMPLETE) {
                issues.add(delivery.issue());
                String[] issue = phases.getOrDefault(delivery.issue(), new String[3]);
                boolean applied = "completed".equals(issue[0]) && ("adw-rel-" + delivery.issue()).equals(issue[1])
                        && "ready".equals(issue[2]);
                effect = applied ? completions.getOrDefault(Phases.queueId(delivery.issue(), 1), 0L) : 0;
            } else {
                deliveryIds.add(delivery.webhookId());
                effect = inbox.getOrDefault(delivery.webhookId(), 0L);
            }
            effects += effect;
            List<String> stored = records.getOrDefault(key, List.of());
            boolean delivered = log.delivered();
            if (!delivered) {
                undelivered++;
                describe(problems, "not delivered: " + key + " ended " + log.ends(DeliveryLog.End.REFUSED) + " refused, "
                        + log.ends(DeliveryLog.End.GAVE_UP) + " given up; tries " + statuses(log));
            }
            if (effect == 0 && log.attempts().stream().anyMatch(DeliveryLog.Attempt::success)) {
                lost++;
                describe(problems, "lost: " + key + " was answered 2xx but has no effect; tries " + statuses(log));
            }
            if (effect > 1 || stored.size() > 1 || log.processedResponses() > 1) {
                doubled++;
                describe(problems, "doubled: " + key + " effects=" + effect + " records=" + stored.size()
                        + " processed answers=" + log.processedResponses());
            }
            if (stored.size() != 1 || !stored.get(0).equals("COMPLETED")) {
                unrecorded++;
                describe(problems, "record of " + key + " is " + stored);
            }
        }
        long stray = phases.entrySet().stream()
                .filter(issue -> !issues.contains(issue.getKey()) && !"ready".equals(issue.getValue()[0]))
                .count()
                + inbox.keySet().stream().filter(id -> !deliveryIds.contains(id)).count()
                + records.keySet().stream().filter(key -> !keys.contains(key)).count();
        if (stray > 0) {
            describe(problems, stray + " effects or records belong to no delivery sent");
        }
        return new Reconciliation(logs.size(), sends, effects, lost, doubled, undelivered, unrecorded, stray,
                problems);
    }

    /** Nothing lost, nothing twice, every delivery accepted and recorded, nothing else changed. */
    boolean exact() {
        return effects == deliveries && lost == 0 && doubled == 0 && undelivered == 0 && unrecorded == 0 && stray == 0;
    }

    Object[] figures() {
        return new Object[] {"deliveries", deliveries, "sends", sends, "effects", effects, "lost", lost,
            "doubled", doubled, "undelivered", undelivered};
    }

    private static String statuses(DeliveryLog log) {
        return log.attempts().stream().map(a -> Integer.toString(a.status())).toList().toString();
    }

    private static void describe(List<String> problems, String problem) {
        if (problems.size() < DESCRIBED) {
            problems.add(problem);
        }
    }
}
