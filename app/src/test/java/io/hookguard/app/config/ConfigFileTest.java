package io.hookguard.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.app.ConfigLoader;
import io.hookguard.domain.outbox.DestinationName;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    private static final ServerDefaults DEFAULTS = ConfigFileMistakesTest.DEFAULTS;
    private static final long MIB = 1024 * 1024;
    private static final String OPENAI = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String OPENAI_PREVIOUS = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private static final String BACKEND = "whsec_dGhlIGJhY2tlbmQncyBzaWduaW5nIGtleQ==";

    /** The example of the configuration reference, as an operator would write it. */
    static final String EXAMPLE = """
            sources:
              stripe:
                verify: stripe
                secrets: ["${STRIPE_WEBHOOK_SECRET}"]
                tolerance: 5m
                key: json:/id
                event: json:/type
                window: 3d
                forward: [backend]
              openai:
                verify: standard-webhooks
                secrets: ["${OPENAI_WEBHOOK_SECRET}", "${OPENAI_WEBHOOK_SECRET_PREVIOUS}"]
                event: json:/type
                forward: [backend, workers]
              acme:
                verify: hmac
                header: X-Acme-Signature
                algorithm: sha256
                encoding: base64
                secrets: ["${ACME_SECRET}"]
                key: header:X-Acme-Delivery
              github:                      # the built-in sources may be configured here too
                secrets: ["${HOOKGUARD_GITHUB_SECRET}", "${GITHUB_SECRET_PREVIOUS}"]
                forward: [backend]
              workflow_complete:
                forward: [backend, workers]
            destinations:
              backend:
                url: http://127.0.0.1:9000/hooks
                secret: "${BACKEND_SIGNING_SECRET}"      # whsec_…; outbound requests are signed with Standard Webhooks
                timeout: 15s
                retry: [5s, 1m, 5m, 30m, 2h, 5h, 10h]    # delays after each failed attempt; then the message is dead
              workers:
                nats: nats://127.0.0.1:4222
                subject: hookguard.events
                stream: HOOKGUARD                         # created if missing
            """;

    static final Map<String, String> EXAMPLE_ENV = Map.of(
            "STRIPE_WEBHOOK_SECRET", "whsec_stripe-test-secret",
            "OPENAI_WEBHOOK_SECRET", OPENAI,
            "OPENAI_WEBHOOK_SECRET_PREVIOUS", OPENAI_PREVIOUS,
            "ACME_SECRET", "acme-s3cret",
            "HOOKGUARD_GITHUB_SECRET", "gh-new",
            "GITHUB_SECRET_PREVIOUS", "gh-old",
            "BACKEND_SIGNING_SECRET", BACKEND);

    private static FileConfig parse(String yaml) {
        return ConfigFile.parse("hookguard.yaml", yaml, Map.of(), DEFAULTS);
    }

    private static DestinationName name(String value) {
        return new DestinationName(value);
    }

    @Test
    void theReferenceExampleParsesToTheExpectedRecords(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("hookguard.yaml"), EXAMPLE);

        FileConfig config = ConfigFile.load(file, EXAMPLE_ENV, DEFAULTS);

        assertThat(config.sources()).containsExactly(
                new SourceConfig("workflow_complete", SchemeSettings.Hmac.WORKFLOW_COMPLETE, List.of(),
                        Optional.empty(), Optional.empty(), Duration.ofSeconds(30), MIB,
                        List.of(name("backend"), name("workers"))),
                new SourceConfig("github", new SchemeSettings.Github(), List.of("gh-new", "gh-old"),
                        Optional.of(new FieldLocation.Header("X-GitHub-Delivery")),
                        Optional.of(new FieldLocation.Header("X-GitHub-Event")), Duration.ofDays(7), 25 * MIB,
                        List.of(name("backend"))),
                new SourceConfig("stripe", new SchemeSettings.Stripe(Duration.ofMinutes(5)),
                        List.of("whsec_stripe-test-secret"), Optional.of(new FieldLocation.Json("/id")),
                        Optional.of(new FieldLocation.Json("/type")), Duration.ofDays(3), MIB,
                        List.of(name("backend"))),
                new SourceConfig("openai", new SchemeSettings.StandardWebhooks(Duration.ofMinutes(5)),
                        List.of(OPENAI, OPENAI_PREVIOUS), Optional.of(new FieldLocation.Header("webhook-id")),
                        Optional.of(new FieldLocation.Json("/type")), Duration.ofDays(7), MIB,
                        List.of(name("backend"), name("workers"))),
                new SourceConfig("acme", new SchemeSettings.Hmac("X-Acme-Signature", SchemeSettings.Algorithm.SHA256,
                        SchemeSettings.Encoding.BASE64, ""), List.of("acme-s3cret"),
                        Optional.of(new FieldLocation.Header("X-Acme-Delivery")), Optional.empty(), Duration.ofDays(7),
                        MIB, List.of()));
        assertThat(config.destinations()).containsExactly(
                new HttpDestination(name("backend"), URI.create("http://127.0.0.1:9000/hooks"), BACKEND,
                        Duration.ofSeconds(15), DestinationConfig.DEFAULT_RETRY),
                new NatsDestination(name("workers"), URI.create("nats://127.0.0.1:4222"), "hookguard.events",
                        Optional.of("HOOKGUARD"), DestinationConfig.DEFAULT_RETRY));
    }

    @Test
    void helpersAnswerWhatTheWiringAsks() {
        FileConfig config = ConfigFile.parse("hookguard.yaml", EXAMPLE, EXAMPLE_ENV, DEFAULTS);

        assertThat(config.source("openai")).map(SourceConfig::name).contains("openai");
        assertThat(config.source("unknown")).isEmpty();
        assertThat(config.declaredSources()).extracting(SourceConfig::name).containsExactly("stripe", "openai", "acme");
        assertThat(config.destinationsOf("openai")).extracting(DestinationConfig::name)
                .containsExactly(name("backend"), name("workers"));
        assertThat(config.destinationsOf("acme")).isEmpty();
        assertThat(config.destination(name("backend")).orElseThrow().longestRetryDelay())
                .isEqualTo(Duration.ofHours(10));
        assertThat(config.unverifiedSources()).containsExactly("workflow_complete");
        assertThat(config.everySourceVerifies()).isFalse();
        assertThat(config.source("stripe").orElseThrow().tolerance()).contains(Duration.ofMinutes(5));
        assertThat(config.source("acme").orElseThrow().tolerance()).isEmpty();
        assertThat(((HttpDestination) config.destination(name("backend")).orElseThrow()).signingKey())
                .asString().isEqualTo("the backend's signing key");
    }

    @Test
    void sourceWithVerifyNoneIsReportedAsUnverified() {
        FileConfig config = parse("""
                sources:
                  local:
                    verify: none
                    key: json:/id
                """).withEnvironmentSecrets(Optional.of("wf"), Optional.of("gh"));

        assertThat(config.unverifiedSources()).containsExactly("local");
        assertThat(config.everySourceVerifies()).isFalse();
        assertThat(config.source("local").orElseThrow().secrets()).isEmpty();
    }

    @Test
    void everySourceVerifiesOnceTheBuiltInsHaveSecrets() {
        FileConfig config = parse("sources:\n  stripe:\n    verify: stripe\n    secrets: [whsec_x]\n");

        assertThat(config.unverifiedSources()).containsExactly("workflow_complete", "github");
        assertThat(config.withEnvironmentSecrets(Optional.of("wf"), Optional.of("gh")).everySourceVerifies()).isTrue();
    }

    @Test
    void environmentSecretGoesFirstAndTheFilesDifferentSecretsFollow() {
        assertThat(SourceConfig.mergeSecrets(Optional.of("new"), List.of("new", "old"))).containsExactly("new", "old");
        assertThat(SourceConfig.mergeSecrets(Optional.of("env"), List.of("a", "b"))).containsExactly("env", "a", "b");
        assertThat(SourceConfig.mergeSecrets(Optional.of("env"), List.of())).containsExactly("env");
        assertThat(SourceConfig.mergeSecrets(Optional.empty(), List.of("a", "b"))).containsExactly("a", "b");
    }

    @Test
    void builtInSecretsOfTheEnvironmentAreMergedIntoTheirSourcesOnly() {
        FileConfig config = ConfigFile.parse("hookguard.yaml", EXAMPLE, EXAMPLE_ENV, DEFAULTS)
                .withEnvironmentSecrets(Optional.of("wf-env"), Optional.of("gh-rotated"));

        assertThat(config.source("workflow_complete").orElseThrow().secrets()).containsExactly("wf-env");
        assertThat(config.source("github").orElseThrow().secrets()).containsExactly("gh-rotated", "gh-new", "gh-old");
        assertThat(config.source("acme").orElseThrow().secrets()).containsExactly("acme-s3cret");
    }

    @Test
    void variablesAreSubstitutedInsideStringsAndDoubleDollarIsALiteralDollar() {
        FileConfig config = ConfigFile.parse("hookguard.yaml", """
                sources:
                  acme:
                    verify: hmac
                    header: X-${HEADER_SUFFIX}
                    prefix: "$$v1="
                    secrets: ["pre-${ACME}-post", "${EMPTY}x"]
                    key: header:X-Acme-Delivery
                """, Map.of("HEADER_SUFFIX", "Acme-Signature", "ACME", "s3cret", "EMPTY", ""), DEFAULTS);

        SourceConfig acme = config.source("acme").orElseThrow();
        assertThat(acme.secrets()).containsExactly("pre-s3cret-post", "x");
        assertThat(acme.verification()).isEqualTo(new SchemeSettings.Hmac("X-Acme-Signature",
                SchemeSettings.Algorithm.SHA256, SchemeSettings.Encoding.HEX, "$v1="));
    }

    @Test
    void declaredSourcesTakeTheirSchemesDefaults() {
        FileConfig config = parse("""
                sources:
                  sw:
                    verify: standard-webhooks
                    secrets: ["v1,whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]
                  gh:
                    verify: github
                    secrets: [s3cret]
                  st:
                    verify: stripe
                    secrets: [whsec_x]
                  hm:
                    verify: hmac
                    header: X-Sig
                    secrets: [s3cret]
                    key: json:/meta/delivery~1id
                    max_body: 512KiB
                """);

        SourceConfig sw = config.source("sw").orElseThrow();
        assertThat(sw.verification()).isEqualTo(new SchemeSettings.StandardWebhooks(Duration.ofMinutes(5)));
        assertThat(sw.key()).contains(new FieldLocation.Header("webhook-id"));
        assertThat(sw.event()).isEmpty();
        assertThat(sw.window()).isEqualTo(DEFAULTS.defaultWindow());
        assertThat(sw.maxBodyBytes()).isEqualTo(DEFAULTS.maxBodyBytes());
        assertThat(sw.forward()).isEmpty();
        SourceConfig gh = config.source("gh").orElseThrow();
        assertThat(gh.key()).contains(new FieldLocation.Header("X-GitHub-Delivery"));
        assertThat(gh.event()).contains(new FieldLocation.Header("X-GitHub-Event"));
        assertThat(gh.maxBodyBytes()).isEqualTo(25 * MIB);
        assertThat(config.source("st").orElseThrow().key()).contains(new FieldLocation.Json("/id"));
        SourceConfig hm = config.source("hm").orElseThrow();
        assertThat(hm.verification()).isEqualTo(new SchemeSettings.Hmac("X-Sig", SchemeSettings.Algorithm.SHA256,
                SchemeSettings.Encoding.HEX, ""));
        assertThat(hm.key()).contains(new FieldLocation.Json("/meta/delivery~1id"));
        assertThat(hm.maxBodyBytes()).isEqualTo(512 * 1024);
    }

    @Test
    void destinationsTakeTheirDefaults() {
        FileConfig config = parse("""
                sources:
                  github:
                    forward: [backend, workers]
                destinations:
                  backend:
                    url: https://hooks.example.test/in?tenant=1
                    secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                  workers:
                    nats: nats://127.0.0.1:4222
                    subject: hookguard.events
                    retry: []
                """);

        assertThat(config.destinations()).containsExactly(
                new HttpDestination(name("backend"), URI.create("https://hooks.example.test/in?tenant=1"),
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", Duration.ofSeconds(15),
                        List.of(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(5),
                                Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
                                Duration.ofHours(10))),
                new NatsDestination(name("workers"), URI.create("nats://127.0.0.1:4222"), "hookguard.events",
                        Optional.empty(), List.of()));
        assertThat(config.destination(name("workers")).orElseThrow().longestRetryDelay()).isEqualTo(Duration.ZERO);
    }

    @Test
    void withoutAFileThereAreTheTwoBuiltInSourcesWithTheServersDefaults() {
        FileConfig config = FileConfig.withoutFile(DEFAULTS);

        assertThat(config.sources()).containsExactly(
                new SourceConfig("workflow_complete", SchemeSettings.Hmac.WORKFLOW_COMPLETE, List.of(),
                        Optional.empty(), Optional.empty(), Duration.ofSeconds(30), MIB, List.of()),
                new SourceConfig("github", new SchemeSettings.Github(), List.of(),
                        Optional.of(new FieldLocation.Header("X-GitHub-Delivery")),
                        Optional.of(new FieldLocation.Header("X-GitHub-Event")), Duration.ofDays(7), 25 * MIB,
                        List.of()));
        assertThat(config.destinations()).isEmpty();
        assertThat(parse("")).isEqualTo(config);
        assertThat(parse("sources:\ndestinations:\n")).isEqualTo(config);
    }

    @Test
    void githubKeepsItsLargerLimitUnlessTheServersIsLargerStill() {
        ServerDefaults large = new ServerDefaults(Duration.ofDays(7), Duration.ofDays(7), 40 * MIB,
                Duration.ofSeconds(30), Duration.ofDays(7), Set.of());

        assertThat(FileConfig.withoutFile(large).source("github").orElseThrow().maxBodyBytes()).isEqualTo(40 * MIB);
        assertThat(parse("sources:\n  github:\n    max_body: 2MiB\n").source("github").orElseThrow().maxBodyBytes())
                .isEqualTo(2 * MIB);
    }

    @Test
    void builtInWindowSetInTheEnvironmentWinsOverTheFile() {
        Map<String, String> env = Map.of("HOOKGUARD_DEDUP_WINDOW_GITHUB", "2d");
        ServerDefaults defaults = ServerDefaults.of(ConfigLoader.load(env), env);
        String yaml = "sources:\n  github:\n    window: 1d\n  workflow_complete:\n    window: 1m\n";

        FileConfig config = ConfigFile.parse("hookguard.yaml", yaml, env, defaults);

        assertThat(defaults.windowsSetByEnvironment()).containsExactly("github");
        assertThat(config.source("github").orElseThrow().window()).isEqualTo(Duration.ofDays(2));
        assertThat(config.source("workflow_complete").orElseThrow().window()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void fromTheEnvironmentTheNamedFileIsLoadedAndTheBuiltInSecretsOfTheEnvironmentGoFirst(@TempDir Path directory)
            throws Exception {
        Path file = Files.writeString(directory.resolve("hookguard.yaml"), EXAMPLE);
        Map<String, String> env = new HashMap<>(EXAMPLE_ENV);
        env.put("HOOKGUARD_CONFIG", file.toString());
        env.put("HOOKGUARD_WEBHOOK_SECRET", "wf-env");
        env.put("HOOKGUARD_GITHUB_SECRET", "gh-rotated");

        FileConfig config = ConfigFile.fromEnvironment(env, ConfigLoader.load(env));

        // the file's list is "${HOOKGUARD_GITHUB_SECRET}", "${GITHUB_SECRET_PREVIOUS}": each secret once, env first
        assertThat(config.source("github").orElseThrow().secrets()).containsExactly("gh-rotated", "gh-old");
        assertThat(config.source("workflow_complete").orElseThrow().secrets()).containsExactly("wf-env");
        assertThat(config.declaredSources()).hasSize(3);
        assertThat(config.everySourceVerifies()).isTrue();
    }

    @Test
    void withoutHookguardConfigOnlyTheBuiltInsExist() {
        Map<String, String> env = Map.of("HOOKGUARD_GITHUB_SECRET", "gh", "HOOKGUARD_CONFIG", " ");

        FileConfig config = ConfigFile.fromEnvironment(env, ConfigLoader.load(env));

        assertThat(config.sources()).extracting(SourceConfig::name).containsExactly("workflow_complete", "github");
        assertThat(config.source("github").orElseThrow().secrets()).containsExactly("gh");
        assertThat(config.unverifiedSources()).containsExactly("workflow_complete");
    }

    @Test
    void serverDefaultsComeFromTheEnvironmentConfiguration() {
        Map<String, String> env = Map.of("HOOKGUARD_RETENTION", "3d", "HOOKGUARD_MAX_BODY", "2MiB");

        ServerDefaults defaults = ServerDefaults.of(ConfigLoader.load(env), env);

        assertThat(defaults).isEqualTo(new ServerDefaults(Duration.ofDays(3), Duration.ofDays(3), 2 * MIB,
                Duration.ofSeconds(30), Duration.ofDays(3), Set.of()));
    }

    @Test
    void textOfRecordsNeverShowsASecret() {
        FileConfig config = ConfigFile.parse("hookguard.yaml", EXAMPLE, EXAMPLE_ENV, DEFAULTS);

        assertThat(config.toString()).doesNotContain("gh-new", "gh-old", "acme-s3cret", OPENAI, BACKEND,
                "whsec_stripe-test-secret").contains("secrets=2", "secret=(masked)");
        assertThat(new NatsDestination(name("n"), URI.create("nats://user:pass@127.0.0.1:4222"), "a.b",
                Optional.empty(), List.of()).toString()).doesNotContain("pass").contains("nats://***@127.0.0.1:4222");
    }
}
