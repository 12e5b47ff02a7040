package io.hookguard.app.forwarding;

import io.hookguard.persistence.testing.TestDatabase;
import org.jooq.impl.DSL;

/** What the outbox table holds, read behind the server's back. */
final class Outbox {

    private final TestDatabase database;

    Outbox(TestDatabase database) {
        this.database = database;
    }

    int messages() {
        return database.database().dsl().fetchCount(DSL.table(DSL.name("outbox_messages")));
    }

    int messages(String status) {
        return database.database().dsl().fetchCount(DSL.table(DSL.name("outbox_messages")),
                DSL.field(DSL.name("status")).eq(status));
    }

    /** Messages with at least one settled attempt (an attempt cut off by a kill is not settled). */
    int attempted() {
        return database.database().dsl().fetchCount(DSL.table(DSL.name("outbox_messages")),
                DSL.field(DSL.name("attempts"), Integer.class).gt(0));
    }

    /** Each message's id, status, attempts, lease and last error, for a failure message. */
    String describe() {
        return database.database().dsl().fetch("SELECT id, event_type, status, attempts, failures, next_attempt_at,"
                + " locked_until, last_error FROM outbox_messages ORDER BY seq").format();
    }
}
