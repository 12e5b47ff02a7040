package io.hookguard.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hookguard.domain.idempotency.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.jooq.ConnectionProvider;
import org.jooq.ContextTransactionalCallable;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;

/**
 * The connection pool and jOOQ context every adapter of one database shares: PostgreSQL, or H2 in PostgreSQL
 * mode as the embedded default. A unit of work runs on one thread and one connection; adapter calls made
 * inside it join it, calls made outside it run on their own.
 */
public final class Database implements AutoCloseable {

    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;
    private static final Map<String, String> REQUIRED_H2_SETTINGS = requiredH2Settings();
    private static final String MIGRATIONS = "classpath:db/migration";
    private static final String TABLES =
            "webhook_events, phase_queue, github_deliveries, outbox_messages, outbox_attempts";

    private final DatabaseSettings settings;
    private final SQLDialect dialect;
    private final HikariDataSource dataSource;
    private final DSLContext dsl;
    private final ThreadLocal<Integer> transactionDepth = ThreadLocal.withInitial(() -> 0);
    /** The writes this thread's unit of work sends with its commit (see {@link DeferredWrites}). */
    private final ThreadLocal<DeferredWrites> deferred = new ThreadLocal<>();
    /** Why this thread's unit of work could not get a connection, so that it does not wait for one again. */
    private final ThreadLocal<SQLException> acquireFailure = new ThreadLocal<>();

    private Database(DatabaseSettings settings, SQLDialect dialect, HikariDataSource dataSource) {
        this.settings = settings;
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.dsl = DSL.using(new DefaultConfiguration()
                .set(dialect)
                .set(new ThreadLocalTransactionProvider(new PoolConnections(), true))
                .set(new Settings()
                        .withRenderCatalog(false)
                        .withRenderSchema(false)
                        .withExecuteLogging(false)));
    }

    /**
     * Opens the pool. The dialect follows the URL: {@code jdbc:postgresql:} is PostgreSQL, {@code jdbc:h2:} is H2,
     * to which the PostgreSQL-mode settings the adapters rely on are added when the URL does not name them.
     * Throws {@link StoreUnavailableException} when the database cannot be reached.
     */
    public static Database connect(DatabaseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        SQLDialect dialect = dialectOf(settings.jdbcUrl());
        HikariConfig config = new HikariConfig();
        config.setPoolName("hookguard-" + dialect.name().toLowerCase(Locale.ROOT));
        config.setJdbcUrl(dialect == SQLDialect.H2 ? withH2Settings(settings.jdbcUrl()) : settings.jdbcUrl());
        config.setDriverClassName(dialect == SQLDialect.H2 ? "org.h2.Driver" : "org.postgresql.Driver");
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setConnectionInitSql(connectionInitSql(dialect, settings.lockTimeout()));
        try {
            return new Database(settings, dialect, new HikariDataSource(config));
        } catch (RuntimeException e) {
            RuntimeException translated = StoreErrors.translate(e);
            if (translated instanceof StoreUnavailableException) {
                throw new StoreUnavailableException("cannot connect to " + settings.redactedJdbcUrl() + ": "
                        + translated.getMessage(), e);
            }
            throw translated;
        }
    }

    /**
     * Brings the schema up to date with the Flyway migrations on the class path, then on PostgreSQL keeps the
     * plans of a fresh deployment on the key indexes (see {@link #FRESH_TABLE_ROWS}). Flyway connects on its own
     * (it needs two connections at once), so any pool size works. Returns the schema version the database is at
     * afterwards.
     */
    public String migrate() {
        String version;
        try {
            Flyway flyway = Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource.getJdbcUrl(), settings.user(), settings.password())
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true)
                    .load();
            flyway.migrate();
            MigrationInfo current = flyway.info().current();
            version = current == null || current.getVersion() == null ? "none" : current.getVersion().getVersion();
        } catch (FlywayException e) {
            RuntimeException translated = StoreErrors.translate(e);
            throw translated instanceof StoreUnavailableException
                    ? translated
                    : new IllegalStateException("database migration failed: " + e.getMessage(), e);
        }
        if (dialect == SQLDialect.POSTGRES) {
            call(db -> {
                keepFreshTablesOnTheirIndexes(db);
                return null;
            });
        }
        return version;
    }

    /**
     * The fresh-deployment plan trap, and how it is avoided without planning every execution. PgJDBC prepares a
     * statement on the server after 5 executions; PostgreSQL then caches a generic plan for it when that is not
     * dearer than the custom ones, and keeps it for the life of the pooled connection until the table's statistics
     * change. A key look-up planned while a table is measured as nearly empty (analyzed or vacuumed with a few
     * rows) gets a sequential scan, which then reads the whole table as it grows. A table that was never measured
     * is planned as at least 10 pages, so its key look-ups get index plans. Hence, after migrating: only tables
     * holding at least this many rows are analyzed, and autovacuum is told not to measure a table before this
     * many rows changed (its default is 50), so the first statistics a table gets already favour its indexes.
     * Tables that already have these settings are left alone.
     */
    static final int FRESH_TABLE_ROWS = 1000;

    private static void keepFreshTablesOnTheirIndexes(DSLContext db) {
        for (String table : TABLES.split(", ")) {
            boolean tuned = db.fetchOne("""
                    SELECT coalesce(c.reloptions @> ARRAY['autovacuum_analyze_threshold=%1$d',
                                                          'autovacuum_vacuum_threshold=%1$d'], false)
                    FROM pg_class c WHERE c.oid = to_regclass(?::text)""".formatted(FRESH_TABLE_ROWS), table)
                    .get(0, Boolean.class);
            if (!tuned) {
                db.execute("ALTER TABLE " + table + " SET (autovacuum_analyze_threshold = " + FRESH_TABLE_ROWS
                        + ", autovacuum_vacuum_threshold = " + FRESH_TABLE_ROWS + ")");
            }
            int rows = db.fetchOne("SELECT count(*) FROM (SELECT 1 FROM " + table + " LIMIT " + FRESH_TABLE_ROWS
                    + ") r").get(0, Integer.class);
            if (rows >= FRESH_TABLE_ROWS) {
                db.execute("ANALYZE " + table);
            }
        }
    }

    /** The user the database says this pool is connected as. */
    public String currentUser() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getUserName();
        } catch (SQLException e) {
            throw translate(new DataAccessException("cannot read the connected user: " + e.getMessage(), e));
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The jOOQ context of this database; statements run in the current unit of work, if any. */
    public DSLContext dsl() {
        return dsl;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** Whether a pooled connection answers within a few seconds; false on any failure. */
    public boolean isAvailable() {
        if (dataSource.isClosed()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /**
     * Runs {@code work} in a transaction: a real one at the outermost level (every pooled connection has the lock
     * timeout of the settings), a savepoint inside another. A runtime exception rolls back to where this call began and
     * propagates; store failures propagate as the domain's store exceptions.
     */
    <T> T inTransaction(Supplier<T> work) {
        int depth = transactionDepth.get();
        if (depth == 0) {
            deferred.set(new DeferredWrites());
        } else {
            flushDeferred(false);
        }
        DeferredWrites writes = deferred.get();
        DeferredWrites.Mark mark = writes.mark();
        transactionDepth.set(depth + 1);
        try {
            return dsl.transactionResult((ContextTransactionalCallable<T>) () -> {
                T result = work.get();
                if (depth == 0) {
                    flushDeferred(true);
                }
                return result;
            });
        } catch (RuntimeException e) {
            writes.undoTo(mark);
            throw translate(e);
        } finally {
            if (depth == 0) {
                transactionDepth.remove();
                acquireFailure.remove();
                deferred.remove();
            } else {
                transactionDepth.set(depth);
            }
        }
    }

    /**
     * Runs {@code statement} once for each of {@code rows} (the values of one execution each) when the current unit
     * of work commits, with the unit of work's other such writes and, on PostgreSQL, in the same round trip as the
     * commit ({@link DeferredWrites}); a statement run in the unit of work before then sends them first, so that
     * it sees them. Outside a unit of work they run at once, in a transaction of their own. For writes whose answer
     * nobody needs: a failure surfaces when the unit of work commits, and rolls all of it back.
     */
    void writeAtCommit(RenderedStatement statement, List<? extends Map<String, ?>> rows) {
        if (transactionDepth.get() == 0) {
            transactionDepth.remove();
            inTransaction(() -> {
                writeAtCommit(statement, rows);
                return null;
            });
            return;
        }
        DeferredWrites writes = deferred.get();
        rows.forEach(values -> writes.add(statement, values));
    }

    /**
     * Notes that the current unit of work made {@code claim}: its row stays locked by the unit of work until it
     * ends. Ignored outside a unit of work.
     */
    void noteClaim(Object claim) {
        DeferredWrites writes = deferred.get();
        if (writes != null) {
            writes.claimed(claim);
        }
    }

    /** Whether the current unit of work made {@code claim} ({@link #noteClaim}). */
    boolean holdsClaim(Object claim) {
        DeferredWrites writes = deferred.get();
        return writes != null && writes.holds(claim);
    }

    /** Sends this thread's deferred writes on the unit of work's connection (with the commit, if {@code commit}). */
    private void flushDeferred(boolean commit) {
        DeferredWrites writes = deferred.get();
        if (writes == null || writes.isEmpty()) {
            return;
        }
        dsl.connectionResult(connection -> {
            try {
                return writes.flush(connection, dialect, commit);
            } catch (SQLException e) {
                throw new DataAccessException("the writes sent with the commit failed: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Runs {@code work} atomically without a savepoint: inside the current transaction if there is one (its
     * failure then rolls back with that transaction), else in a transaction of its own.
     */
    <T> T inCurrentTransaction(Supplier<T> work) {
        if (transactionDepth.get() > 0) {
            return call(dsl -> work.get());
        }
        transactionDepth.remove();
        return inTransaction(work);
    }

    /** Runs one adapter operation, translating store failures into the domain's store exceptions. */
    <T> T call(Function<DSLContext, T> operation) {
        try {
            if (transactionDepth.get() > 0) {
                flushDeferred(false);
            }
            return operation.apply(dsl);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * The pool as jOOQ's connection provider. When a unit of work cannot get a connection, jOOQ asks again to roll
     * back the transaction that never began; each ask would wait the pool's whole connection timeout, so a unit of
     * work during an outage would hold its request three times as long. Within one unit of work the first failure
     * is therefore answered at once.
     */
    private final class PoolConnections implements ConnectionProvider {

        @Override
        public Connection acquire() {
            SQLException earlier = acquireFailure.get();
            if (earlier != null) {
                throw new DataAccessException("no connection for this unit of work: " + earlier.getMessage(), earlier);
            }
            try {
                return dataSource.getConnection();
            } catch (SQLException e) {
                if (transactionDepth.get() > 0) {
                    acquireFailure.set(e);
                }
                throw new DataAccessException("Error getting connection from data source: " + e.getMessage(), e);
            }
        }

        @Override
        public void release(Connection connection) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new DataAccessException("Error closing connection " + connection, e);
            }
        }
    }

    private RuntimeException translate(RuntimeException e) {
        if (dataSource.isClosed() && e instanceof DataAccessException) {
            return new StoreUnavailableException("the database connection pool is closed", e);
        }
        return StoreErrors.translate(e);
    }

    static SQLDialect dialectOf(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return SQLDialect.POSTGRES;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return SQLDialect.H2;
        }
        int schemeEnd = jdbcUrl.indexOf(':', "jdbc:".length());
        String scheme = schemeEnd < 0 ? jdbcUrl : jdbcUrl.substring(0, schemeEnd + 1);
        throw new IllegalArgumentException("unsupported JDBC URL scheme '" + scheme
                + "': use jdbc:postgresql: or jdbc:h2:");
    }

    /** Adds the H2 settings the adapters rely on; refuses a URL that sets one of them to another value. */
    static String withH2Settings(String jdbcUrl) {
        StringBuilder url = new StringBuilder(jdbcUrl);
        String[] parts = jdbcUrl.split(";");
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                given.put(parts[i].substring(0, eq).trim().toUpperCase(Locale.ROOT), parts[i].substring(eq + 1).trim());
            }
        }
        REQUIRED_H2_SETTINGS.forEach((key, value) -> {
            String current = given.get(key);
            if (current == null) {
                url.append(';').append(key).append('=').append(value);
            } else if (!current.equalsIgnoreCase(value)) {
                throw new IllegalArgumentException("H2 URL must use " + key + "=" + value + ", not " + current);
            }
        });
        return url.toString();
    }

    /**
     * What every pooled connection runs first: the lock timeout. The plan cache stays in its default mode, so
     * statements PgJDBC prepared on the server reuse their generic plan instead of being planned at every
     * execution; {@link #migrate()} keeps a fresh table's generic plans on its indexes.
     */
    static String connectionInitSql(SQLDialect dialect, Duration lockTimeout) {
        long millis = lockTimeout.toMillis();
        return dialect == SQLDialect.POSTGRES ? "SET lock_timeout = " + millis : "SET LOCK_TIMEOUT " + millis;
    }

    private static Map<String, String> requiredH2Settings() {
        Map<String, String> required = new LinkedHashMap<>();
        required.put("MODE", "PostgreSQL");
        required.put("DATABASE_TO_LOWER", "TRUE");
        required.put("DEFAULT_NULL_ORDERING", "HIGH");
        return required;
    }
}
