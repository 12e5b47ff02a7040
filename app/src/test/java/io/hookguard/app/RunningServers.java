package io.hookguard.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts real Hookguard instances — the production modules, with only the database and store swapped by
 * configuration — and stops them after each test.
 */
final class RunningServers implements AfterEachCallback {

    static final String WEBHOOK_SECRET = "e2e-webhook-secret";
    static final String ADMIN_TOKEN = "e2e-admin-token";

    private final List<Hookguard> running = new ArrayList<>();

    Hookguard start(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(Map.of(
                "HOOKGUARD_PORT", "0",
                "HOOKGUARD_WEBHOOK_SECRET", WEBHOOK_SECRET,
                "HOOKGUARD_ADMIN_TOKEN", ADMIN_TOKEN,
                "HOOKGUARD_CLEANUP_INTERVAL", "1h",
                "HOOKGUARD_SHUTDOWN_GRACE", "2s"));
        env.putAll(environment);
        Hookguard hookguard = Hookguard.start(ConfigLoader.load(env));
        running.add(hookguard);
        return hookguard;
    }

    void stop(Hookguard hookguard) {
        running.remove(hookguard);
        hookguard.close();
    }

    static HookguardClient clientOf(Hookguard hookguard) {
        return new HookguardClient(hookguard.port(), WEBHOOK_SECRET, ADMIN_TOKEN);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        running.forEach(Hookguard::close);
        running.clear();
    }
}
