package io.hookguard.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.hookguard.app.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of mistake in the configuration file, each asserting the one line an operator sees. */
class ConfigFileMistakesTest {

    static final ServerDefaults DEFAULTS = new ServerDefaults(Duration.ofDays(7), Duration.ofDays(7), 1024 * 1024,
            Duration.ofSeconds(30), Duration.ofDays(7), Set.of());

    private static final String BACKEND = """
            destinations:
              backend:
                url: http://127.0.0.1:9000/hooks
                secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
            """;

    private static String failure(String yaml) {
        return failure(yaml, Map.of());
    }

    private static String failure(String yaml, Map<String, String> env) {
        Throwable thrown = catchThrowable(
                () -> ConfigFile.parse("hookguard.yaml", yaml, env, DEFAULTS));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(thrown.getMessage()).doesNotContain("\n");
        return thrown.getMessage();
    }

    @Test
    void yamlSyntaxErrorNamesTheLine() {
        assertThat(failure("""
                sources:
                  acme:
                    verify: hmac
                   header: X-Sig
                """)).isEqualTo("hookguard.yaml: line 4: not valid YAML (while parsing a block mapping: expected"
                + " <block end>, but found '<block mapping start>'); accepted: YAML with a mapping of sources,"
                + " destinations");
    }

    @Test
    void keyWrittenTwiceIsASyntaxError() {
        assertThat(failure("""
                sources:
                  acme:
                    verify: hmac
                    verify: none
                """)).isEqualTo("hookguard.yaml: line 4: not valid YAML (Duplicate field 'verify'); accepted: YAML"
                + " with a mapping of sources, destinations");
    }

    @Test
    void unknownKeyOfASourceListsTheKeysOfItsScheme() {
        assertThat(failure("""
                sources:
                  stripe:
                    verify: stripe
                    secrets: [whsec_abc]
                    tolerence: 5m
                """)).isEqualTo("hookguard.yaml: sources.stripe.tolerence: unknown key; accepted: verify, secrets,"
                + " tolerance, key, event, window, max_body, forward");
    }

    @Test
    void unknownTopLevelKey() {
        assertThat(failure("server:\n  port: 8002\n"))
                .isEqualTo("hookguard.yaml: server: unknown key; accepted: sources, destinations");
    }

    @Test
    void keyOfAnotherSchemeDoesNotApply() {
        assertThat(failure("""
                sources:
                  acme:
                    verify: hmac
                    header: X-Acme-Signature
                    secrets: [s3cret]
                    key: header:X-Acme-Delivery
                    tolerance: 5m
                """)).isEqualTo("hookguard.yaml: sources.acme.tolerance: does not apply to verify hmac; accepted:"
                + " verify, secrets, key, event, window, max_body, forward, header, algorithm, encoding, prefix");
    }

    @Test
    void wrongTypeNamesWhatWasFoundAndWhatBelongs() {
        assertThat(failure("""
                sources:
                  stripe:
                    verify: stripe
                    secrets: whsec_abc
                """)).isEqualTo("hookguard.yaml: sources.stripe.secrets: wrong type: a string where a list belongs;"
                + " accepted: a list of one or more secrets");
        assertThat(failure("""
                sources:
                  stripe:
                    verify: stripe
                    secrets: [whsec_abc]
                    tolerance: 300
                """)).isEqualTo("hookguard.yaml: sources.stripe.tolerance: wrong type: a number where a string"
                + " belongs; accepted: a positive duration such as 500ms, 30s, 5m, 2h, 7d or ISO-8601 PT30S");
    }

    @Test
    void unknownScheme() {
        assertThat(failure("""
                sources:
                  stripe:
                    verify: stripey
                    secrets: [whsec_abc]
                """)).isEqualTo("hookguard.yaml: sources.stripe.verify: unknown scheme 'stripey'; accepted: github,"
                + " standard-webhooks, stripe, hmac, none");
    }

    @Test
    void missingRequiredKey() {
        assertThat(failure("""
                sources:
                  acme:
                    secrets: [s3cret]
                """)).isEqualTo("hookguard.yaml: sources.acme.verify: missing required key; accepted: github,"
                + " standard-webhooks, stripe, hmac, none");
        assertThat(failure("""
                sources:
                  acme:
                    verify: hmac
                    secrets: [s3cret]
                    key: header:X-Acme-Delivery
                """)).isEqualTo("hookguard.yaml: sources.acme.header: missing required key; accepted: the name of"
                + " the header that carries the signature");
        assertThat(failure("""
                sources:
                  acme:
                    verify: hmac
                    header: X-Acme-Signature
                    secrets: [s3cret]
                """)).isEqualTo("hookguard.yaml: sources.acme.key: missing required key; accepted: header:<name>"
                + " (such as header:X-Acme-Delivery) or json:<RFC 6901 pointer> (such as json:/id)");
        assertThat(failure("""
                sources:
                  stripe:
                    verify: stripe
                """)).isEqualTo("hookguard.yaml: sources.stripe.secrets: missing required key; accepted: a list of"
                + " one or more secrets");
    }

    @Test
    void badSourceName() {
        assertThat(failure("""
                sources:
                  Stripe-Live:
                    verify: stripe
                    secrets: [whsec_abc]
                """)).isEqualTo("hookguard.yaml: sources.Stripe-Live: bad name 'Stripe-Live'; accepted: a source"
                + " name of 1..64 characters of a-z, 0-9 and '_', starting with a letter");
    }

    @Test
    void badDestinationName() {
        assertThat(failure("""
                destinations:
                  Backend:
                    url: http://127.0.0.1:9000/hooks
                    secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                """)).isEqualTo("hookguard.yaml: destinations.Backend: bad name 'Backend'; accepted: a destination"
                + " name of 1..64 characters of a-z, 0-9, '_' and '-', starting with a letter");
    }

    @Test
    void badDuration() {
        assertThat(failure("""
                sources:
                  stripe:
                    verify: stripe
                    secrets: [whsec_abc]
                    tolerance: 5 minutes
                """)).isEqualTo("hookguard.yaml: sources.stripe.tolerance: bad duration '5 minutes'; accepted: a"
                + " positive duration such as 500ms, 30s, 5m, 2h, 7d or ISO-8601 PT30S");
        assertThat(failure(BACKEND.replace("hooks\n", "hooks\n    retry: [5s, 0s]\n") + """
                sources:
                  github:
                    forward: [backend]
                """)).isEqualTo("hookguard.yaml: destinations.backend.retry[1]: bad duration '0s' (not positive);"
                + " accepted: a positive duration such as 500ms, 30s, 5m, 2h, 7d or ISO-8601 PT30S");
    }

    @Test
    void badSize() {
        assertThat(failure("""
                sources:
                  github:
                    max_body: lots
                """)).isEqualTo("hookguard.yaml: sources.github.max_body: 'lots' is not a size; accepted: a size"
                + " from 1KiB to 64MiB such as 1048576, 512KiB or 25MiB");
        assertThat(failure("""
                sources:
                  github:
                    max_body: 100
                """)).isEqualTo("hookguard.yaml: sources.github.max_body: '100' is out of range; accepted: a size"
                + " from 1KiB to 64MiB such as 1048576, 512KiB or 25MiB");
    }

    @Test
    void sha1IsRefusedSayingWhy() {
        assertThat(failure("""
                sources:
                  acme:
                    verify: hmac
                    header: X-Acme-Signature
                    algorithm: sha1
                    secrets: [s3cret]
                    key: header:X-Acme-Delivery
                """)).isEqualTo("hookguard.yaml: sources.acme.algorithm: sha1 is refused: SHA-1 is deprecated for"
                + " signatures; accepted: sha256, sha512");
    }

    @Test
    void missingEnvironmentVariableIsNamedWithThePathWhereItIsUsed() {
        assertThat(failure("""
                sources:
                  stripe:
                    verify: stripe
                    secrets: ["${STRIPE_WEBHOOK_SECRET}"]
                """)).isEqualTo("hookguard.yaml: sources.stripe.secrets[0]: environment variable"
                + " STRIPE_WEBHOOK_SECRET is not set; accepted: ${NAME} of a variable that is set (write $$ for a"
                + " literal $)");
    }

    @Test
    void forwardNamingAnUnknownDestinationListsTheDeclaredOnes() {
        assertThat(failure(BACKEND + """
                sources:
                  github:
                    forward: [backend, workers]
                """)).isEqualTo("hookguard.yaml: sources.github.forward[1]: unknown destination 'workers'; accepted:"
                + " backend");
    }

    @Test
    void destinationThatNoSourceForwardsToIsRefused() {
        assertThat(failure(BACKEND)).isEqualTo("hookguard.yaml: destinations.backend: no source forwards to it;"
                + " accepted: a destination named in the forward list of a source");
    }

    @Test
    void windowShorterThanTheToleranceNamesTheSource() {
        assertThat(failure("""
                sources:
                  stripe:
                    verify: stripe
                    secrets: [whsec_abc]
                    tolerance: 10m
                    window: 5m
                """)).isEqualTo("hookguard.yaml: sources.stripe.window: window 5m is shorter than the tolerance 10m;"
                + " accepted: a window at least as long as the tolerance, so that a replay inside the tolerance is"
                + " caught as a duplicate");
    }

    @Test
    void defaultWindowShorterThanTheToleranceIsNamedToo() {
        ServerDefaults shortRetention = new ServerDefaults(Duration.ofMinutes(2), Duration.ofMinutes(2), 1024 * 1024,
                Duration.ofSeconds(30), Duration.ofMinutes(2), Set.of());
        assertThatThrownBy(() -> ConfigFile.parse("hookguard.yaml", """
                sources:
                  openai:
                    verify: standard-webhooks
                    secrets: [whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw]
                """, Map.of(), shortRetention)).hasMessage("hookguard.yaml: sources.openai.window: window 2m (the"
                + " default) is shorter than the tolerance 5m; accepted: a window at least as long as the tolerance,"
                + " so that a replay inside the tolerance is caught as a duplicate");
    }

    @Test
    void windowLongerThanTheRetention() {
        assertThat(failure("""
                sources:
                  github:
                    window: 30d
                """)).isEqualTo("hookguard.yaml: sources.github.window: window 30d is longer than the retention 7d;"
                + " accepted: a window no longer than the retention (HOOKGUARD_RETENTION)");
    }

    @Test
    void badHttpUrl() {
        assertThat(failure(BACKEND.replace("http://127.0.0.1:9000/hooks", "ftp://127.0.0.1/hooks") + """
                sources:
                  github:
                    forward: [backend]
                """)).isEqualTo("hookguard.yaml: destinations.backend.url: 'ftp://127.0.0.1/hooks' is not an"
                + " absolute http or https URL; accepted: an absolute http or https URL such as"
                + " http://127.0.0.1:9000/hooks");
    }

    @Test
    void badNatsUrlAndSubject() {
        String nats = """
                destinations:
                  workers:
                    nats: %s
                    subject: %s
                sources:
                  github:
                    forward: [workers]
                """;
        assertThat(failure(nats.formatted("http://127.0.0.1:4222", "hookguard.events")))
                .isEqualTo("hookguard.yaml: destinations.workers.nats: 'http://127.0.0.1:4222' is not a"
                        + " nats://host:port URL; accepted: a NATS URL such as nats://127.0.0.1:4222");
        assertThat(failure(nats.formatted("nats://127.0.0.1:4222", "hookguard.*")))
                .isEqualTo("hookguard.yaml: destinations.workers.subject: 'hookguard.*' is not a subject to publish"
                        + " to; accepted: a NATS subject such as hookguard.events: dot-separated tokens of letters,"
                        + " digits, '_' and '-', no wildcards, at most 255 characters");
    }

    @Test
    void emptySecretsList() {
        assertThat(failure("""
                sources:
                  github:
                    secrets: []
                """)).isEqualTo("hookguard.yaml: sources.github.secrets: empty secrets list; accepted: a list of one"
                + " or more secrets");
    }

    @Test
    void badStandardWebhooksSecret() {
        assertThat(failure("""
                sources:
                  openai:
                    verify: standard-webhooks
                    secrets: ["whsec_not base64!"]
                """)).isEqualTo("hookguard.yaml: sources.openai.secrets[0]: not a Standard Webhooks secret (the part"
                + " after whsec_ is not base64); accepted: a Standard Webhooks secret: whsec_ followed by base64");
    }

    @Test
    void destinationSecretMustBeAWhsecSecret() {
        assertThat(failure(BACKEND.replace("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "hunter2") + """
                sources:
                  github:
                    forward: [backend]
                """)).isEqualTo("hookguard.yaml: destinations.backend.secret: not a whsec_ secret; accepted: a"
                + " Standard Webhooks signing secret: whsec_ followed by base64");
        assertThat(failure("""
                destinations:
                  backend:
                    url: http://127.0.0.1:9000/hooks
                sources:
                  github:
                    forward: [backend]
                """)).isEqualTo("hookguard.yaml: destinations.backend.secret: missing required key; accepted: a"
                + " Standard Webhooks signing secret: whsec_ followed by base64");
    }

    @Test
    void whatIsFixedForABuiltInSourceIsRefused() {
        assertThat(failure("""
                sources:
                  github:
                    key: json:/id
                """)).isEqualTo("hookguard.yaml: sources.github.key: fixed for the built-in source github; accepted:"
                + " secrets, window, max_body, forward");
        assertThat(failure("""
                sources:
                  workflow_complete:
                    verify: none
                """)).isEqualTo("hookguard.yaml: sources.workflow_complete.verify: fixed for the built-in source"
                + " workflow_complete; accepted: secrets, window, max_body, forward");
    }

    @Test
    void destinationNeedsExactlyOneOfUrlAndNats() {
        assertThat(failure("""
                destinations:
                  backend:
                    url: http://127.0.0.1:9000/hooks
                    nats: nats://127.0.0.1:4222
                sources:
                  github:
                    forward: [backend]
                """)).isEqualTo("hookguard.yaml: destinations.backend: both url and nats; accepted: exactly one of"
                + " url (an HTTP destination) or nats (a NATS JetStream destination)");
        assertThat(failure("""
                destinations:
                  backend:
                    timeout: 5s
                sources:
                  github:
                    forward: [backend]
                """)).isEqualTo("hookguard.yaml: destinations.backend: missing required key url or nats; accepted:"
                + " exactly one of url (an HTTP destination) or nats (a NATS JetStream destination)");
    }

    @Test
    void keyOfTheOtherKindOfDestinationDoesNotApply() {
        assertThat(failure(BACKEND + """
                    subject: hookguard.events
                sources:
                  github:
                    forward: [backend]
                """)).isEqualTo("hookguard.yaml: destinations.backend.subject: does not apply to an HTTP destination;"
                + " accepted: url, secret, timeout, retry");
    }

    @Test
    void severalMistakesAreReportedTogetherOnOneLineInFileOrder() {
        assertThat(failure("""
                sources:
                  stripe:
                    verify: stripey
                  github:
                    window: soon
                """)).isEqualTo("hookguard.yaml: sources.stripe.verify: unknown scheme 'stripey'; accepted: github,"
                + " standard-webhooks, stripe, hmac, none; sources.github.window: bad duration 'soon'; accepted: a"
                + " positive duration such as 500ms, 30s, 5m, 2h, 7d or ISO-8601 PT30S");
    }

    @Test
    void secretsOfASourceThatVerifiesNothingDoNotApply() {
        assertThat(failure("""
                sources:
                  local:
                    verify: none
                    secrets: [s3cret]
                    key: json:/id
                """)).isEqualTo("hookguard.yaml: sources.local.secrets: does not apply to verify none; accepted:"
                + " verify, key, event, window, max_body, forward");
    }

    @Test
    void destinationListedTwiceInForward() {
        assertThat(failure(BACKEND + """
                sources:
                  github:
                    forward: [backend, backend]
                """)).isEqualTo("hookguard.yaml: sources.github.forward[1]: destination 'backend' listed twice;"
                + " accepted: each destination once");
    }

    @Test
    void documentThatIsNotAMapping() {
        assertThat(failure("- sources\n- destinations\n")).isEqualTo("hookguard.yaml: wrong type: a list where a"
                + " mapping belongs; accepted: sources, destinations");
    }

    @Test
    void referenceWithoutANameIsRefused() {
        assertThat(failure("""
                sources:
                  github:
                    secrets: ["${ GITHUB }"]
                """)).isEqualTo("hookguard.yaml: sources.github.secrets[0]: '${' without a variable name and '}';"
                + " accepted: ${NAME} of a variable that is set (write $$ for a literal $)");
    }

    @Test
    void recordsRefuseWhatTheWalkWouldHaveReportedNamingTheField() {
        assertThatThrownBy(() -> new SourceConfig("stripe", new SchemeSettings.Stripe(Duration.ofMinutes(5)),
                List.of("whsec_x"), Optional.of(new FieldLocation.Json("/id")),
                Optional.empty(), Duration.ofMinutes(1), 1024, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("'window' must be at least");
        assertThatThrownBy(() -> new SourceConfig("acme", new SchemeSettings.Hmac("X-Sig",
                SchemeSettings.Algorithm.SHA256, SchemeSettings.Encoding.HEX, ""), List.of(),
                Optional.of(new FieldLocation.Json("/id")), Optional.empty(), Duration.ofMinutes(1),
                1024, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("'secrets' must hold one or more");
    }

    @Test
    void unreadableFileIsNamed(@TempDir Path directory) {
        Path missing = directory.resolve("hookguard.yaml");
        assertThatThrownBy(() -> ConfigFile.load(missing, Map.of(), DEFAULTS))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(missing + ": cannot be read (NoSuchFileException: ")
                .hasMessageEndingWith("; accepted: a readable YAML file named by HOOKGUARD_CONFIG");
    }

    @Test
    void fileNameOnTheLineIsThePathAsGiven(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("hookguard.yaml"), "sources:\n  stripe:\n    verify: x\n");
        assertThatThrownBy(() -> ConfigFile.load(file, Map.of(), DEFAULTS))
                .hasMessage(file + ": sources.stripe.verify: unknown scheme 'x'; accepted: github, standard-webhooks,"
                        + " stripe, hmac, none");
    }
}
