package io.hookguard.app;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.hookguard.domain.idempotency.CleanUpExpiredEvents;
import io.hookguard.domain.idempotency.CleanupPass;
import io.hookguard.persistence.Database;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command line: {@code serve} (default), {@code migrate}, {@code cleanup}, {@code --help}, {@code --version}. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    static final String USAGE = """
            Usage: java -jar hookguard.jar [command]

            Commands:
              serve      start the server (default)
              migrate    apply database migrations and exit
              cleanup    run one retention pass and exit
              --help     show this help
              --version  show the version

            Configuration comes from HOOKGUARD_* environment variables; see README.md.
            With no HOOKGUARD_DATABASE_URL an embedded H2 database under ./data is used.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "serve" : args[0];
        if (args.length > 1) {
            err.println("'" + command + "' takes no arguments, but was given '"
                    + String.join(" ", List.of(args).subList(1, args.length)) + "'");
            err.print(USAGE);
            return 2;
        }
        try {
            return switch (command) {
                case "--help", "-h", "help" -> {
                    out.print(USAGE);
                    yield 0;
                }
                case "--version", "version" -> {
                    out.println("hookguard " + Version.current());
                    yield 0;
                }
                case "serve" -> serve(ConfigLoader.load(env));
                case "migrate" -> migrate(ConfigLoader.load(env), out);
                case "cleanup" -> cleanup(ConfigLoader.load(env), out);
                default -> {
                    err.println("unknown command '" + command + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (ConfigException e) {
            err.println("configuration error: " + e.getMessage());
            return 2;
        } catch (StartupException e) {
            LOG.debug("{} failed", command, e);
            err.println(cannot(command) + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            LOG.error("{} failed", command, e);
            err.println(cannot(command) + e + " (the log has the details)");
            return 1;
        }
    }

    private static String cannot(String command) {
        return switch (command) {
            case "migrate" -> "cannot migrate: ";
            case "cleanup" -> "cannot clean up: ";
            default -> "cannot start: ";
        };
    }

    private static int serve(HookguardConfig config) {
        LOG.info(config.summary(Version.current()));
        if (config.embedded()) {
            LOG.info("no HOOKGUARD_DATABASE_URL: using the embedded H2 database under {}",
                    config.dataDirectory().toAbsolutePath());
        }
        if (config.webhookSecret().isEmpty() || config.githubSecret().isEmpty()) {
            LOG.warn("intake signatures are OFF for {}: unsigned deliveries are accepted; set HOOKGUARD_WEBHOOK_SECRET "
                    + "and HOOKGUARD_GITHUB_SECRET for production", unsignedEndpoints(config));
        }
        if (config.adminToken().isEmpty()) {
            LOG.warn("no HOOKGUARD_ADMIN_TOKEN: operator endpoints are open to anyone who can reach {}", config.host());
        }
        Hookguard hookguard = Hookguard.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hookguard.close();
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String unsignedEndpoints(HookguardConfig config) {
        if (config.webhookSecret().isEmpty() && config.githubSecret().isEmpty()) {
            return "workflow-complete and github";
        }
        return config.webhookSecret().isEmpty() ? "workflow-complete" : "github";
    }

    private static int migrate(HookguardConfig config, PrintStream out) {
        try (Database database = Hookguard.openDatabase(config)) {
            String version = Hookguard.migrate(config, database);
            String user = database.currentUser();
            out.println("migrated " + UrlMasking.mask(config.effectiveDatabaseUrl())
                    + (user == null || user.isEmpty() ? " as the default user" : " as user '" + user + "'")
                    + " to schema version " + version);
        }
        return 0;
    }

    /** One retention pass through the same wiring as the server's, without the HTTP server. */
    private static int cleanup(HookguardConfig config, PrintStream out) {
        List<AutoCloseable> opened = new ArrayList<>();
        try (Database database = Hookguard.openDatabase(config)) {
            Hookguard.migrate(config, database);
            Injector injector = Guice.createInjector(Stage.PRODUCTION, Hookguard.modules(config, database, opened));
            CleanupPass pass = injector.getInstance(CleanUpExpiredEvents.class).run();
            out.println("deleted " + pass.events() + " expired events and " + pass.messages()
                    + " finished outbox messages");
        } finally {
            Hookguard.closeQuietly(opened);
        }
        return 0;
    }
}
