package io.hookguard.persistence;

import static io.hookguard.persistence.jooq.Tables.GITHUB_DELIVERIES;

import io.hookguard.domain.github.GithubInbox;
import io.hookguard.domain.github.InboxEntry;
import java.util.List;
import java.util.Objects;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;

/** The GitHub delivery inbox on jOOQ: one row per delivery id, appended with {@code ON CONFLICT DO NOTHING}. */
public final class JooqGithubInbox implements GithubInbox {

    private final Database db;

    public JooqGithubInbox(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public boolean append(InboxEntry entry) {
        Objects.requireNonNull(entry, "entry");
        var g = GITHUB_DELIVERIES;
        try {
            return db.call(dsl -> dsl.insertInto(g)
                    .set(g.DELIVERY_ID, entry.deliveryId().value())
                    .set(g.EVENT, entry.event().name())
                    .set(g.ACTION, entry.action())
                    .set(g.REPOSITORY, entry.repository())
                    .set(g.PAYLOAD, entry.payload())
                    .set(g.RECEIVED_AT, entry.receivedAt())
                    .onConflict(g.DELIVERY_ID)
                    .doNothing()
                    .execute()) == 1;
        } catch (DataAccessException e) {
            if (lostH2InsertRace(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * H2 emulates {@code ON CONFLICT DO NOTHING} with a {@code MERGE} that reports a unique violation when a
     * concurrent transaction committed the same delivery first; that is the "already there" answer.
     */
    private boolean lostH2InsertRace(DataAccessException e) {
        return db.dialect() == SQLDialect.H2 && "23505".equals(e.sqlState());
    }

    @Override
    public List<InboxEntry> newestFirst(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("'limit' must be at least 1");
        }
        var g = GITHUB_DELIVERIES;
        return db.call(dsl -> dsl.selectFrom(g)
                .orderBy(g.RECEIVED_AT.desc(), g.ID.desc())
                .limit(limit)
                .fetch(InboxEntryMapper::toDomain));
    }
}
