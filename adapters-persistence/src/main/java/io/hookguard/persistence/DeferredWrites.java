package io.hookguard.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.SQLDialect;

/**
 * The writes of one unit of work whose answer nobody waits for (the effect's updates, the outbox rows, the
 * completion of a claim made in the same unit of work), kept until the unit of work ends and then sent together.
 * On PostgreSQL they go as one multi-statement execution that ends with {@code COMMIT}: one round trip instead of
 * one per write plus one for the commit. PgJDBC sends the statements of one execution before a single Sync, so
 * PostgreSQL runs them in order, and an error skips the rest, the {@code COMMIT} included, leaving the transaction
 * to be rolled back. PgJDBC follows the server's transaction status, so the commit jOOQ issues afterwards finds
 * nothing to commit and sends nothing. On H2 each write is executed on its own and the commit is jOOQ's.
 *
 * <p>Also remembers the claims made in the unit of work: their rows are locked by it until it ends, so a
 * completion of such a claim cannot be fenced off and needs no answer.
 */
final class DeferredWrites {

    private record Write(RenderedStatement statement, Map<String, ?> values) {
    }

    private final List<Write> writes = new ArrayList<>();
    private final List<Object> claims = new ArrayList<>();

    void add(RenderedStatement statement, Map<String, ?> values) {
        writes.add(new Write(statement, values));
    }

    boolean isEmpty() {
        return writes.isEmpty();
    }

    void claimed(Object claim) {
        claims.add(claim);
    }

    boolean holds(Object claim) {
        return claims.contains(claim);
    }

    /** Where a nested unit of work begins; {@link #undoTo} forgets what was added after it. */
    Mark mark() {
        return new Mark(writes.size(), claims.size());
    }

    void undoTo(Mark mark) {
        writes.subList(mark.writes(), writes.size()).clear();
        claims.subList(mark.claims(), claims.size()).clear();
    }

    record Mark(int writes, int claims) {
    }

    /**
     * Sends the writes on {@code connection}, the unit of work's, and forgets them; with {@code commit} on
     * PostgreSQL the {@code COMMIT} goes with them. Returns whether the commit was sent.
     */
    boolean flush(Connection connection, SQLDialect dialect, boolean commit) throws SQLException {
        if (writes.isEmpty()) {
            return false;
        }
        try {
            if (dialect != SQLDialect.POSTGRES) {
                for (Write write : writes) {
                    try (PreparedStatement statement = write.statement().prepare(connection, write.values())) {
                        statement.executeUpdate();
                    }
                }
                return false;
            }
            StringBuilder sql = new StringBuilder();
            for (Write write : writes) {
                sql.append(write.statement().sql()).append("; ");
            }
            if (commit) {
                sql.append("COMMIT");
            }
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                int next = 1;
                for (Write write : writes) {
                    next = write.statement().bind(statement, write.values(), next);
                }
                statement.execute();
            }
            return commit;
        } finally {
            writes.clear();
        }
    }
}
