package io.hookguard.app.forwarding;

import io.hookguard.app.ConfigLoader;
import io.hookguard.app.Hookguard;
import io.hookguard.app.HookguardClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Real Hookguard instances (the production modules) on one database and one configuration file, stopped after each test. */
final class Servers implements AfterEachCallback {

    static final String WEBHOOK_SECRET = "fwd-e2e-webhook-secret";
    static final String ADMIN_TOKEN = "fwd-e2e-admin-token";

    private final List<Hookguard> running = new ArrayList<>();

    /** The settings every instance of a scenario shares: database, secrets, the forwarding file. */
    static Map<String, String> environment(String jdbcUrl, Path configFile) {
        Map<String, String> env = new HashMap<>(Map.of(
                "HOOKGUARD_DATABASE_URL", jdbcUrl,
                "HOOKGUARD_WEBHOOK_SECRET", WEBHOOK_SECRET,
                "HOOKGUARD_ADMIN_TOKEN", ADMIN_TOKEN,
                "HOOKGUARD_CLEANUP_INTERVAL", "1h",
                "HOOKGUARD_SHUTDOWN_GRACE", "2s"));
        env.put("HOOKGUARD_CONFIG", configFile.toString());
        return env;
    }

    Hookguard start(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("HOOKGUARD_PORT", "0");
        Hookguard hookguard = Hookguard.start(ConfigLoader.load(env));
        running.add(hookguard);
        return hookguard;
    }

    static HookguardClient client(int port) {
        return new HookguardClient(port, WEBHOOK_SECRET, ADMIN_TOKEN);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        running.forEach(Hookguard::close);
        running.clear();
    }
}
