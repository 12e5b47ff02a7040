package io.hookguard.persistence.testing;

import static io.hookguard.persistence.jooq.Tables.GITHUB_DELIVERIES;
import static io.hookguard.persistence.jooq.Tables.OUTBOX_ATTEMPTS;
import static io.hookguard.persistence.jooq.Tables.OUTBOX_MESSAGES;
import static io.hookguard.persistence.jooq.Tables.PHASE_QUEUE;
import static io.hookguard.persistence.jooq.Tables.WEBHOOK_EVENTS;

import io.hookguard.persistence.Database;
import io.hookguard.persistence.DatabaseSettings;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JUnit 5 extension that gives a test class a fresh, migrated, empty database of its own and removes it
 * afterwards. Register it on a static field with {@code @RegisterExtension}.
 */
public abstract class TestDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);

    /** Pool size of the class's database: enough for the contract's concurrent claims to contend for real. */
    public static final int POOL_SIZE = 8;

    private String skipped;
    private DatabaseSettings settings;
    private Database database;
    private final List<Database> others = new ArrayList<>();

    /**
     * Creates an empty database or schema and returns how to reach it. When there is none, it aborts with
     * {@link Assumptions#abort(String)}: every test of the class is then skipped with that message.
     */
    protected abstract DatabaseSettings create();

    /** Removes what {@link #create()} made; called after every pool is closed. */
    protected abstract void drop();

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            settings = create();
        } catch (TestAbortedException e) {
            skipped = e.getMessage();
            LOG.warn("{}: {}", context.getDisplayName(), skipped);
            return;
        }
        database = Database.connect(settings);
        database.migrate();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (skipped != null) {
            Assumptions.abort(skipped);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            others.forEach(Database::close);
            others.clear();
            if (database != null) {
                database.close();
            }
        } finally {
            if (settings != null) {
                drop();
            }
        }
    }

    /** The class's database, migrated. */
    public Database database() {
        if (database == null) {
            throw new IllegalStateException("register the TestDatabase on a static field with @RegisterExtension");
        }
        return database;
    }

    /** How to reach the class's database, for opening further pools on it. */
    public DatabaseSettings settings() {
        database();
        return settings;
    }

    /** Opens another pool on the same database (another "instance" of the service); closed after the class. */
    public Database connectAnother(UnaryOperator<DatabaseSettings> adjust) {
        Database another = Database.connect(adjust.apply(settings()));
        others.add(another);
        return another;
    }

    /** Empties every table, keeping the schema. */
    public void reset() {
        var dsl = database().dsl();
        dsl.truncate(WEBHOOK_EVENTS).execute();
        dsl.truncate(PHASE_QUEUE).execute();
        dsl.truncate(GITHUB_DELIVERIES).execute();
        // Referenced by a foreign key, which TRUNCATE refuses on H2: deleted instead.
        dsl.deleteFrom(OUTBOX_ATTEMPTS).execute();
        dsl.deleteFrom(OUTBOX_MESSAGES).execute();
    }

    static String uniqueName() {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return "hg_" + HexFormat.of().formatHex(random);
    }
}
