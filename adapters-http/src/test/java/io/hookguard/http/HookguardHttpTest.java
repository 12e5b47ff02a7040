package io.hookguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;

class HookguardHttpTest {

    @Test
    void customizerRunsLastAndCanAddRoutes() {
        TestApp app = TestApp.open();
        Javalin javalin = HookguardHttp.create(app.settings, app.useCases, IntakeObserver.NONE,
                config -> config.routes.get("/metrics", ctx -> ctx.contentType("text/plain").result("up 1\n")));

        JavalinTest.test(javalin, (server, client) -> {
            assertThat(client.get("/metrics").body().string()).isEqualTo("up 1\n");
            assertThat(client.get("/health/live").code()).isEqualTo(200);
        });
    }

    @Test
    void createdServerIsNotStarted() {
        TestApp app = TestApp.open();

        Javalin javalin = app.javalin();

        assertThat(javalin.jettyServer().started()).isFalse();
    }
}
