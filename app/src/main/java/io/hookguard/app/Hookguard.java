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
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Hookguard: owns the lifecycle. {@link #start} opens the database, migrates it, builds the injector,
 * starts the HTTP server and the cleanup scheduler; {@link #close} stops taking requests, drains those in flight
 * (bounded), stops the scheduler and closes the pool.
 */
public final class Hookguard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hookguard.class);

    private final HookguardConfig config;
    private final Database database;
    private final List<AutoCloseable> extraResources;
    private final Drain drain;
    private final Javalin server;
    private final CleanupScheduler scheduler;

    private Hookguard(HookguardConfig config, Database database, List<AutoCloseable> extraResources, Injector injector) {
        this.config = config;
        this.database = database;
        this.extraResources = extraResources;
        this.drain = injector.getInstance(Drain.class);
        this.server = injector.getInstance(Javalin.class);
        this.scheduler = injector.getInstance(CleanupScheduler.class);
    }

    /** Starts a server with the given configuration; fails fast, leaving nothing open, if any step fails. */
    public static Hookguard start(HookguardConfig config) {
        long started = System.nanoTime();
        Database database = openDatabase(config);
        List<AutoCloseable> extraResources = new ArrayList<>();
        try {
            database.migrate();
            List<Module> modules = List.of(
                    new DomainModule(config), new RelationalStoreModule(database),
                    new IdempotencyStoreModule(IdempotencyStores.open(config, database, extraResources)),
                    new MetricsModule(), new HttpModule(config), new CleanupModule(config));
            Injector injector = Guice.createInjector(Stage.PRODUCTION, modules);
            instrumentPool(database, injector.getInstance(PrometheusMeterRegistry.class));
            Hookguard hookguard = new Hookguard(config, database, extraResources, injector);
            hookguard.server.start(config.host(), config.port());
            hookguard.scheduler.start();
            LOG.info("Hookguard ready on {}:{} in {} ms", config.host(), hookguard.port(),
                    (System.nanoTime() - started) / 1_000_000);
            return hookguard;
        } catch (RuntimeException e) {
            closeQuietly(extraResources);
            database.close();
            throw e;
        }
    }

    /** Opens the configured database (creating the embedded one's directory) without starting anything else. */
    static Database openDatabase(HookguardConfig config) {
        if (config.embedded()) {
            try {
                Files.createDirectories(config.dataDirectory());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create data directory " + config.dataDirectory(), e);
            }
        }
        return Database.connect(new DatabaseSettings(config.effectiveDatabaseUrl(),
                config.databaseUser().orElse(null), config.databasePassword().orElse(null), config.poolSize(),
                config.lockTimeout()));
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
