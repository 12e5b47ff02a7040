package io.hookguard.app;

import static io.hookguard.app.RunningServers.clientOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Retention passes are counted however they start; the production wiring on the embedded database. */
class CleanupMetricsTest {

    @RegisterExtension
    final RunningServers servers = new RunningServers();

    @TempDir
    Path dataDir;

    @Test
    void passStartedByTheOperatorEndpointIsCountedAsARun() {
        HookguardClient client = clientOf(servers.start(Map.of("HOOKGUARD_DATA_DIR", dataDir.toString())));
        assertThat(client.get("/metrics").body()).contains("hookguard_cleanup_runs_total 0.0");

        assertThat(client.post("/api/v1/admin/cleanup").statusCode()).isEqualTo(200);
        assertThat(client.post("/api/v1/admin/cleanup").statusCode()).isEqualTo(200);

        assertThat(client.get("/metrics").body())
                .contains("hookguard_cleanup_runs_total 2.0")
                .contains("hookguard_cleanup_failures_total 0.0");
    }
}
