package io.hookguard.app.config;

import io.hookguard.app.HookguardConfig;
import io.hookguard.domain.idempotency.WebhookType;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the server's environment configuration says that the file builds on: the retention (no window may
 * exceed it), the default window and body limit of a source, the built-in sources' windows, and which of those
 * windows the environment set explicitly (those win over the file).
 *
 * @param retention                 rows older than this are deleted; no window may be longer
 * @param defaultWindow             the window of a declared source without one ({@code HOOKGUARD_DEDUP_WINDOW},
 *                                  by default the retention)
 * @param maxBodyBytes              {@code HOOKGUARD_MAX_BODY}: the body limit of a source without one
 * @param workflowCompleteWindow    the window of {@code workflow_complete} when the file gives none
 * @param githubWindow              the window of {@code github} when the file gives none
 * @param windowsSetByEnvironment   built-in source names whose window came from an environment variable
 */
public record ServerDefaults(Duration retention, Duration defaultWindow, long maxBodyBytes,
        Duration workflowCompleteWindow, Duration githubWindow, Set<String> windowsSetByEnvironment) {

    public ServerDefaults {
        Objects.requireNonNull(retention, "'retention' is required");
        Objects.requireNonNull(defaultWindow, "'defaultWindow' is required");
        Objects.requireNonNull(workflowCompleteWindow, "'workflowCompleteWindow' is required");
        Objects.requireNonNull(githubWindow, "'githubWindow' is required");
        windowsSetByEnvironment = Set.copyOf(windowsSetByEnvironment);
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("'maxBodyBytes' must be positive");
        }
    }

    /** The defaults of a server configured by {@code config}, read from {@code env}. */
    public static ServerDefaults of(HookguardConfig config, Map<String, String> env) {
        Set<String> fromEnvironment = new HashSet<>();
        if (isSet(env, "HOOKGUARD_DEDUP_WINDOW_WORKFLOW_COMPLETE")) {
            fromEnvironment.add(SourceConfig.WORKFLOW_COMPLETE);
        }
        if (isSet(env, "HOOKGUARD_DEDUP_WINDOW_GITHUB")) {
            fromEnvironment.add(SourceConfig.GITHUB);
        }
        return new ServerDefaults(config.policy().retention(), config.policy().defaultWindow(),
                config.maxBodyBytes(), config.policy().windowFor(WebhookType.WORKFLOW_COMPLETE),
                config.policy().windowFor(WebhookType.GITHUB), fromEnvironment);
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
