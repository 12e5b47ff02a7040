package io.hookguard.app;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.hookguard.persistence.Database;
import io.hookguard.persistence.DatabaseSettings;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Hookguard: owns the lifecycle. {@link #start} opens the database, migrates it, builds the injector,
 * starts the HTTP server, the cleanup scheduler and the outbox dispatcher; {@link #close} stops the dispatcher
 * from starting new attempts and stops taking requests, drains those in flight (bounded), stops the scheduler,
 * lets the dispatcher's attempts in flight finish (bounded), closes the destinations and then the pool. Several
 * instances may run in one JVM on one database, each with its own injector.
 */
public final class Hookguard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hookguard.class);

    private final HookguardConfig config;
    private final Database database;
    private final List<AutoCloseable> extraResources;
    private final Drain drain;
    private final Javalin server;
    private final CleanupScheduler scheduler;
    private final OutboxDispatcher dispatcher;

    private Hookguard(HookguardConfig config, Database database, List<AutoCloseable> extraResources, Injector injector) {
        this.config = config;
        this.database = database;
        this.extraResources = extraResources;
        this.drain = injector.getInstance(Drain.class);
        this.server = injector.getInstance(Javalin.class);
        this.scheduler = injector.getInstance(CleanupScheduler.class);
        this.dispatcher = injector.getInstance(OutboxDispatcher.class);
    }

    /**
     * Starts a server with the given configuration; fails fast, leaving nothing open, if any step fails. The host
     * and port are checked (and the port held) before the database is opened, so a port in use changes nothing.
     * Failures an operator can act on are {@link StartupException}s with a one-line message.
     */
    public static Hookguard start(HookguardConfig config) {
        long started = System.nanoTime();
        ServerSocket reserved = StartupChecks.reservePort(config);
        Database database;
        try {
            database = openDatabase(config);
        } catch (RuntimeException e) {
            closeQuietly(List.of(reserved));
            throw e;
        }
        List<AutoCloseable> extraResources = new ArrayList<>();
        try {
            migrate(config, database);
            List<Module> modules = new ArrayList<>(modules(config, database, extraResources));
            modules.add(new HttpModule(config));
            Injector injector = Guice.createInjector(Stage.PRODUCTION, modules);
            instrumentPool(database, injector.getInstance(PrometheusMeterRegistry.class));
            Hookguard hookguard = new Hookguard(config, database, extraResources, injector);
            reserved.close();
            startServer(config, hookguard.server);
            hookguard.scheduler.start();
            LOG.info(DestinationRoutes.describe(config.sources().destinations()));
            hookguard.dispatcher.start();
            LOG.info("Hookguard ready on {}:{} in {} ms", config.host(), hookguard.port(),
                    (System.nanoTime() - started) / 1_000_000);
            return hookguard;
        } catch (IOException e) {
            closeQuietly(extraResources);
            database.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly(List.of(reserved));
            closeQuietly(extraResources);
            database.close();
            throw e;
        }
    }

    /**
     * The production modules every command shares: use cases, stores, metrics, the outbox and retention cleanup.
     * The server adds the HTTP module; an idempotency store that holds its own connections, and destinations that
     * do, are added to {@code opened}.
     */
    static List<Module> modules(HookguardConfig config, Database database, List<AutoCloseable> opened) {
        List<OutboxDispatcher.Route> routes = DestinationRoutes.open(config.sources(), Clock.systemUTC(), opened);
        return List.of(
                new DomainModule(config), new RelationalStoreModule(database),
                new IdempotencyStoreModule(IdempotencyStores.open(config, database, opened)),
                new MetricsModule(), new OutboxModule(config, routes), new CleanupModule(config));
    }

    private static void startServer(HookguardConfig config, Javalin server) {
        try {
            server.start(config.host(), config.port());
        } catch (RuntimeException e) {
            IOException bind = ioCause(e);
            throw bind == null ? e : StartupChecks.bindFailure(config, bind);
        }
    }

    private static IOException ioCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    /**
     * Opens the configured database without starting anything else: the embedded one's directory is checked (and
     * created) first; a database that cannot be opened for a reason an operator can fix is a {@link
     * StartupException}.
     */
    static Database openDatabase(HookguardConfig config) {
        StartupChecks.checkDataDirectory(config);
        try {
            return Database.connect(new DatabaseSettings(config.effectiveDatabaseUrl(),
                    config.databaseUser().orElse(null), config.databasePassword().orElse(null), config.poolSize(),
                    config.lockTimeout()));
        } catch (RuntimeException e) {
            throw explained(config, e);
        }
    }

    /** Migrates the database to the newest schema and returns its version; failures as {@link #openDatabase}. */
    static String migrate(HookguardConfig config, Database database) {
        try {
            return database.migrate();
        } catch (RuntimeException e) {
            throw explained(config, e);
        }
    }

    private static RuntimeException explained(HookguardConfig config, RuntimeException e) {
        StartupException explained = StartupChecks.databaseFailure(config, e);
        return explained == null ? e : explained;
    }

    private static void instrumentPool(Database database, PrometheusMeterRegistry registry) {
        if (database.dataSource() instanceof HikariDataSource hikari) {
            hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
    }

    public int port() {
        return server.port();
    }

    public HookguardConfig config() {
        return config;
    }

    @Override
    public void close() {
        dispatcher.requestStop();
        LOG.info("Hookguard stopping: no new requests, draining those in flight (up to {})",
                Durations.format(config.shutdownGrace()));
        try {
            int left = drain.drain(config.shutdownGrace());
            if (left > 0) {
                LOG.warn("{} requests still in flight after {}; stopping anyway (their senders will retry)", left,
                        Durations.format(config.shutdownGrace()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop();
        scheduler.close();
        dispatcher.close();
        closeQuietly(extraResources);
        database.close();
        LOG.info("Hookguard stopped");
    }

    static void closeQuietly(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
