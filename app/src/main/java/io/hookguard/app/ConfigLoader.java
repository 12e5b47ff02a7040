package io.hookguard.app;

import io.hookguard.app.config.ConfigFile;
import io.hookguard.app.config.FileConfig;
import io.hookguard.app.config.ServerDefaults;
import io.hookguard.app.config.SourceConfig;
import io.hookguard.domain.idempotency.IdempotencyPolicy;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.http.HttpServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code HOOKGUARD_*} environment variables into a validated {@link HookguardConfig}. */
public final class ConfigLoader {

    public static final int DEFAULT_PORT = 8002;
    static final long DEFAULT_MAX_BODY = 1024 * 1024;

    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(|b|kb|kib|k|mb|mib|m)", Pattern.CASE_INSENSITIVE);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,255}");

    private final Map<String, String> env;

    private ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /** Loads the configuration; throws {@link ConfigException} naming the first invalid variable. */
    public static HookguardConfig load(Map<String, String> env) {
        return new ConfigLoader(env).load();
    }

    private HookguardConfig load() {
        Optional<String> webhookSecret = secret("HOOKGUARD_WEBHOOK_SECRET");
        Optional<String> githubSecret = secret("HOOKGUARD_GITHUB_SECRET");
        Optional<String> adminToken = secret("HOOKGUARD_ADMIN_TOKEN");
        Optional<String> explicitHost = Optional.ofNullable(get("HOOKGUARD_HOST", Function.identity(), null,
                "a host name or IP address such as 127.0.0.1 or 0.0.0.0", value -> HOST.matcher(value).matches()));

        Duration retention = duration("HOOKGUARD_RETENTION", IdempotencyPolicy.DEFAULT_RETENTION);
        Duration defaultWindow = duration("HOOKGUARD_DEDUP_WINDOW", retention);
        Duration workflowCompleteWindow = duration("HOOKGUARD_DEDUP_WINDOW_WORKFLOW_COMPLETE",
                minimum(IdempotencyPolicy.DEFAULT_WORKFLOW_COMPLETE_WINDOW, retention));
        Duration githubWindow = duration("HOOKGUARD_DEDUP_WINDOW_GITHUB", defaultWindow);
        long maxBodyBytes = get("HOOKGUARD_MAX_BODY", ConfigLoader::parseSize, DEFAULT_MAX_BODY,
                "a size from 1KiB to 64MiB such as 1048576, 512KiB or 1MiB", value -> validSize(value));
        if (defaultWindow.compareTo(retention) > 0 || workflowCompleteWindow.compareTo(retention) > 0
                || githubWindow.compareTo(retention) > 0) {
            throw new ConfigException("HOOKGUARD_DEDUP_WINDOW*: a dedup window must not be longer than "
                    + "HOOKGUARD_RETENTION (" + Durations.format(retention) + ")");
        }
        FileConfig sources = ConfigFile.fromEnvironment(env, new ServerDefaults(retention, defaultWindow, maxBodyBytes,
                workflowCompleteWindow, githubWindow, windowsSetByEnvironment()), webhookSecret, githubSecret);

        BindPolicy.Decision bind = BindPolicy.decide(explicitHost, sources.unverifiedSources(), adminToken.isPresent());
        if (bind instanceof BindPolicy.Refuse refuse) {
            throw new ConfigException(refuse.reason());
        }
        String host = ((BindPolicy.Bind) bind).host();

        Map<WebhookType, Duration> windows = new HashMap<>();
        sources.sources().forEach(source -> windows.put(new WebhookType(source.name()), source.window()));
        IdempotencyPolicy policy;
        try {
            policy = new IdempotencyPolicy(retention, duration("HOOKGUARD_LEASE", IdempotencyPolicy.DEFAULT_LEASE),
                    defaultWindow, windows);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("HOOKGUARD_DEDUP_WINDOW*: a dedup window must not be longer than "
                    + "HOOKGUARD_RETENTION (" + Durations.format(retention) + ")");
        }

        return new HookguardConfig(
                host,
                integer("HOOKGUARD_PORT", DEFAULT_PORT, 0, 65_535),
                get("HOOKGUARD_STORE", value -> HookguardConfig.Store.valueOf(value.toUpperCase(Locale.ROOT)),
                        HookguardConfig.Store.DATABASE, "'database' or 'redis'",
                        value -> value.equalsIgnoreCase("database") || value.equalsIgnoreCase("redis")),
                optional("HOOKGUARD_DATABASE_URL", "a JDBC URL starting with jdbc:postgresql: or jdbc:h2:",
                        value -> value.startsWith("jdbc:postgresql:") || value.startsWith("jdbc:h2:")),
                optional("HOOKGUARD_DATABASE_USER", "a user name", value -> true),
                secret("HOOKGUARD_DATABASE_PASSWORD"),
                get("HOOKGUARD_DATA_DIR", Path::of, Path.of("data"), "a directory path", value -> true),
                get("HOOKGUARD_REDIS_URL", Function.identity(), "redis://127.0.0.1:6379",
                        "a URL such as redis://127.0.0.1:6379", value -> value.matches("rediss?://.+")),
                get("HOOKGUARD_REDIS_PREFIX", Function.identity(), "hookguard:",
                        "1..64 characters of letters, digits and . _ : -", value -> value.matches("[A-Za-z0-9._:-]{1,64}")),
                webhookSecret,
                githubSecret,
                adminToken,
                policy,
                duration("HOOKGUARD_LOCK_TIMEOUT", Duration.ofSeconds(5)),
                duration("HOOKGUARD_CLEANUP_INTERVAL", Duration.ofHours(1)),
                integer("HOOKGUARD_CLEANUP_BATCH_SIZE", 5_000, 1, 1_000_000),
                maxBodyBytes,
                integer("HOOKGUARD_POOL_SIZE", 10, 1, 500),
                duration("HOOKGUARD_SHUTDOWN_GRACE", Duration.ofSeconds(10)),
                duration("HOOKGUARD_IDLE_TIMEOUT", HttpServerOptions.DEFAULT_IDLE_TIMEOUT),
                sources);
    }

    /** The built-in sources whose window an environment variable sets: those win over the configuration file. */
    private Set<String> windowsSetByEnvironment() {
        Set<String> names = new HashSet<>();
        if (isSet("HOOKGUARD_DEDUP_WINDOW_WORKFLOW_COMPLETE")) {
            names.add(SourceConfig.WORKFLOW_COMPLETE);
        }
        if (isSet("HOOKGUARD_DEDUP_WINDOW_GITHUB")) {
            names.add(SourceConfig.GITHUB);
        }
        return names;
    }

    private boolean isSet(String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }

    private static Duration minimum(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private Duration duration(String name, Duration fallback) {
        return get(name, Durations::parse, fallback, Durations.ACCEPTED_FORM, value -> {
            try {
                Duration parsed = Durations.parse(value);
                return !parsed.isNegative() && !parsed.isZero();
            } catch (IllegalArgumentException e) {
                return false;
            }
        });
    }

    private int integer(String name, int fallback, int min, int max) {
        return get(name, Integer::parseInt, fallback, "a whole number from " + min + " to " + max, value -> {
            try {
                int parsed = Integer.parseInt(value.trim());
                return parsed >= min && parsed <= max;
            } catch (NumberFormatException e) {
                return false;
            }
        });
    }

    private Optional<String> secret(String name) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            throw new ConfigException(name + " must not be only white space (unset it to turn it off)");
        }
        return Optional.of(value);
    }

    private Optional<String> optional(String name, String form, java.util.function.Predicate<String> valid) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (!valid.test(value.trim())) {
            throw new ConfigException(name + " must be " + form);
        }
        return Optional.of(value.trim());
    }

    private <T> T get(String name, Function<String, T> parse, T fallback, String form,
            java.util.function.Predicate<String> valid) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String trimmed = value.trim();
        if (!valid.test(trimmed)) {
            throw new ConfigException(name + " must be " + form + ", not '" + trimmed + "'");
        }
        return parse.apply(trimmed);
    }

    private static boolean validSize(String value) {
        Matcher matcher = SIZE.matcher(value);
        if (!matcher.matches()) {
            return false;
        }
        long bytes = parseSize(value);
        return bytes >= 1024 && bytes <= 64L * 1024 * 1024;
    }

    static long parseSize(String value) {
        Matcher matcher = SIZE.matcher(value.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a size: " + value);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "kb", "kib", "k" -> amount * 1024;
            case "mb", "mib", "m" -> amount * 1024 * 1024;
            default -> amount;
        };
    }
}
