package io.hookguard.app.reliability;

import java.sql.SQLException;

/** Plans issues straight in the scenario's database: two phases each, phase 1 ready and phase 2 queued. */
final class Phases {

    private Phases() {
    }

    static String queueId(int issue, int phase) {
        return "q-" + issue + "-" + phase;
    }

    /** Plans issues {@code first .. first + count - 1} in one statement (the jars must have migrated the schema). */
    static void plan(ScenarioDatabase database, int first, int count) throws SQLException {
        if (count < 1) {
            return;
        }
        database.execute("INSERT INTO phase_queue (queue_id, parent_issue, phase_number, title, status, created_at, updated_at)"
                + " SELECT 'q-' || i || '-' || p, i, p, 'phase ' || p, CASE p WHEN 1 THEN 'ready' ELSE 'queued' END,"
                + " now(), now() FROM generate_series(" + first + ", " + (first + count - 1) + ") AS i,"
                + " generate_series(1, 2) AS p");
    }
}
