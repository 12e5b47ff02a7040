package io.hookguard.app.reliability;

import java.sql.SQLException;

/**
 * Plans issues straight in the scenario's database: two phases each, phase 1 ready and phase 2 queued. A trigger
 * records every committed change of a phase, so that reconciliation counts effects by what was written, not only
 * by the final state.
 */
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
        database.execute("CREATE TABLE IF NOT EXISTS reliability_phase_writes (queue_id VARCHAR(128), status VARCHAR(16))");
        database.execute("CREATE OR REPLACE FUNCTION reliability_phase_write() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN INSERT INTO reliability_phase_writes VALUES (NEW.queue_id, NEW.status); RETURN NEW; END $$");
        database.execute("CREATE OR REPLACE TRIGGER reliability_phase_write AFTER UPDATE ON phase_queue"
                + " FOR EACH ROW EXECUTE FUNCTION reliability_phase_write()");
        database.execute("INSERT INTO phase_queue (queue_id, parent_issue, phase_number, title, status, created_at, updated_at)"
                + " SELECT 'q-' || i || '-' || p, i, p, 'phase ' || p, CASE p WHEN 1 THEN 'ready' ELSE 'queued' END,"
                + " now(), now() FROM generate_series(" + first + ", " + (first + count - 1) + ") AS i,"
                + " generate_series(1, 2) AS p");
    }
}
