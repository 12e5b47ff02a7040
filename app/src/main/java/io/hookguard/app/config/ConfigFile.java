package io.hookguard.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.hookguard.app.ConfigException;
import io.hookguard.app.Durations;
import io.hookguard.app.HookguardConfig;
import io.hookguard.domain.outbox.DestinationName;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the configuration file ({@code HOOKGUARD_CONFIG}) once into a validated {@link FileConfig}.
 *
 * <p>The YAML is parsed into a tree and walked here; every mistake is collected with its path
 * ({@code sources.stripe.verify}) and the start fails with one {@link ConfigException} line naming the file,
 * then each mistake and what is accepted there, joined by "; ". {@code ${NAME}} in any string value is
 * replaced by the environment variable {@code NAME} (a missing one is a mistake; {@code $$} is a literal
 * {@code $}).
 *
 * <p>Environment variables win over the file where both say something: a built-in source's window set by
 * {@code HOOKGUARD_DEDUP_WINDOW_WORKFLOW_COMPLETE} / {@code HOOKGUARD_DEDUP_WINDOW_GITHUB} replaces the file's
 * ({@link ServerDefaults#windowsSetByEnvironment()}); the built-in secrets {@code HOOKGUARD_WEBHOOK_SECRET} /
 * {@code HOOKGUARD_GITHUB_SECRET} go first with the file's differing secrets after them, which the caller applies
 * with {@link FileConfig#withEnvironmentSecrets}.
 */
public final class ConfigFile {

    /** The environment variable that names the file. */
    public static final String ENVIRONMENT_VARIABLE = "HOOKGUARD_CONFIG";

    static final String TOP_LEVEL_KEYS = "sources, destinations";
    static final List<String> BUILT_IN_KEYS = List.of("secrets", "window", "max_body", "forward");
    static final String SECRETS_FORM = "a list of one or more secrets";
    static final String DESTINATION_NAME_FORM = "1..64 characters of a-z, 0-9, '_' and '-', starting with a letter";

    private static final Set<String> COMMON_KEYS = Set.of("verify", "secrets", "key", "event", "window", "max_body",
            "forward");
    private static final List<String> KEY_ORDER = List.of("verify", "secrets", "tolerance", "key", "event", "window",
            "max_body", "forward", "header", "algorithm", "encoding", "prefix");
    private static final Set<String> FIXED_FOR_BUILT_INS = Set.of("verify", "tolerance", "key", "event", "header",
            "algorithm", "encoding", "prefix");
    private static final List<String> HTTP_KEYS = List.of("url", "secret", "timeout", "retry");
    private static final List<String> NATS_KEYS = List.of("nats", "subject", "stream", "retry");
    private static final Pattern DESTINATION_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Map<String, String> env;
    private final ServerDefaults defaults;
    private final Problems problems;
    private final Set<String> declaredDestinations = new LinkedHashSet<>();
    private final Set<String> forwardedTo = new LinkedHashSet<>();

    private ConfigFile(String file, Map<String, String> env, ServerDefaults defaults) {
        this.env = Map.copyOf(env);
        this.defaults = defaults;
        this.problems = new Problems(file);
    }

    /**
     * Loads {@code file}, substituting variables from {@code env}, on top of the server's {@code defaults}.
     *
     * @throws ConfigException one line naming the file, each mistake's path and what is accepted there
     */
    public static FileConfig load(Path file, Map<String, String> env, ServerDefaults defaults) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); accepted: a readable YAML file named by HOOKGUARD_CONFIG");
        }
        return parse(file.toString(), text, env, defaults);
    }

    /**
     * The whole rule in one call: the file named by {@code HOOKGUARD_CONFIG} (none when unset or blank) on top of
     * the server's environment configuration, with the built-in secrets of the environment merged in first.
     *
     * @throws ConfigException one line naming the file, each mistake's path and what is accepted there
     */
    public static FileConfig fromEnvironment(Map<String, String> env, HookguardConfig server) {
        return fromEnvironment(env, ServerDefaults.of(server, env), server.webhookSecret(), server.githubSecret());
    }

    /** The same rule for a server whose configuration is still being read: its defaults and built-in secrets. */
    public static FileConfig fromEnvironment(Map<String, String> env, ServerDefaults defaults,
            Optional<String> webhookSecret, Optional<String> githubSecret) {
        String name = env.get(ENVIRONMENT_VARIABLE);
        FileConfig file = name == null || name.isBlank() ? FileConfig.withoutFile(defaults)
                : load(Path.of(name.strip()), env, defaults);
        return file.withEnvironmentSecrets(webhookSecret, githubSecret);
    }

    static FileConfig parse(String file, String yaml, Map<String, String> env, ServerDefaults defaults) {
        JsonNode root;
        try {
            root = MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": " + syntaxError(e)
                    + "; accepted: YAML with a mapping of " + TOP_LEVEL_KEYS);
        }
        return new ConfigFile(file, env, defaults).read(root);
    }

    static FileConfig builtInsOnly(ServerDefaults defaults) {
        return new ConfigFile("(none)", Map.of(), defaults).read(null);
    }

    private static String syntaxError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return "line " + (marked.getProblemMark().getLine() + 1) + ": not valid YAML ("
                    + (marked.getContext() == null ? "" : marked.getContext() + ": ") + marked.getProblem() + ")";
        }
        String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().strip();
        int end = message.indexOf('\n');
        String firstLine = (end < 0 ? message : message.substring(0, end)).strip();
        return (e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ")
                + "not valid YAML (" + firstLine + ")";
    }

    private FileConfig read(JsonNode root) {
        YamlNode top = new YamlNode(root, "", problems, env);
        Map<String, YamlNode> sections = top.mapping(TOP_LEVEL_KEYS).orElse(Map.of());
        sections.forEach((key, value) -> {
            if (!key.equals("sources") && !key.equals("destinations")) {
                value.problem("unknown key", TOP_LEVEL_KEYS);
            }
        });
        YamlNode sourcesNode = sections.getOrDefault("sources", new YamlNode(null, "sources", problems, env));
        YamlNode destinationsNode = sections.getOrDefault("destinations",
                new YamlNode(null, "destinations", problems, env));
        Map<String, YamlNode> destinationEntries = destinationsNode.mapping("destination names to their settings")
                .orElse(Map.of());
        destinationEntries.keySet().stream().filter(name -> DESTINATION_NAME.matcher(name).matches())
                .forEach(declaredDestinations::add);

        Map<String, YamlNode> sourceEntries = sourcesNode.mapping("source names to their settings").orElse(Map.of());
        // taken as written, also from sources with mistakes, so that their destinations are not reported unreachable
        sourceEntries.values().forEach(source -> forwardedTo.addAll(source.textsUnder("forward")));
        Map<String, SourceConfig> builtIns = new HashMap<>();
        List<SourceConfig> declared = new ArrayList<>();
        sourceEntries.forEach((name, node) -> {
            if (SourceConfig.builtIn(name)) {
                builtInSource(name, node).ifPresent(source -> builtIns.put(name, source));
            } else {
                declaredSource(name, node).ifPresent(declared::add);
            }
        });
        List<SourceConfig> sources = new ArrayList<>();
        for (String builtIn : List.of(SourceConfig.WORKFLOW_COMPLETE, SourceConfig.GITHUB)) {
            Optional<SourceConfig> source = sourceEntries.containsKey(builtIn)
                    ? Optional.ofNullable(builtIns.get(builtIn))
                    : builtInSource(builtIn, new YamlNode(null, "sources." + builtIn, problems, env));
            source.ifPresent(sources::add);
        }
        sources.addAll(declared);

        List<DestinationConfig> destinations = new ArrayList<>();
        destinationEntries.forEach((name, node) -> destination(name, node).ifPresent(destinations::add));
        destinationEntries.forEach((name, node) -> {
            if (declaredDestinations.contains(name) && !forwardedTo.contains(name)) {
                node.problem("no source forwards to it", "a destination named in the forward list of a source");
            }
        });

        problems.throwIfAny();
        return new FileConfig(sources, destinations);
    }

    private Optional<SourceConfig> builtInSource(String name, YamlNode node) {
        String builtInKeys = String.join(", ", BUILT_IN_KEYS);
        Map<String, YamlNode> entries = node.mapping(builtInKeys).orElse(null);
        if (entries == null) {
            return Optional.empty();
        }
        boolean keysGood = true;
        for (Map.Entry<String, YamlNode> entry : entries.entrySet()) {
            if (FIXED_FOR_BUILT_INS.contains(entry.getKey())) {
                entry.getValue().problem("fixed for the built-in source " + name, builtInKeys);
                keysGood = false;
            } else if (!BUILT_IN_KEYS.contains(entry.getKey())) {
                entry.getValue().problem("unknown key", builtInKeys);
                keysGood = false;
            }
        }
        boolean github = name.equals(SourceConfig.GITHUB);
        Optional<List<String>> secrets = optionalSecrets(entries.get("secrets"), Scheme.GITHUB);
        Duration fallbackWindow = github ? defaults.githubWindow() : defaults.workflowCompleteWindow();
        Optional<Duration> fileWindow = window(node, entries, fallbackWindow, Optional.empty());
        Optional<Duration> window = defaults.windowsSetByEnvironment().contains(name)
                ? fileWindow.map(ignored -> fallbackWindow)
                : fileWindow;
        Optional<Long> maxBody = maxBody(entries.get("max_body"), github ? githubMaxBody() : defaults.maxBodyBytes());
        Optional<List<DestinationName>> forward = forward(entries.get("forward"));
        if (!keysGood || secrets.isEmpty() || window.isEmpty() || maxBody.isEmpty() || forward.isEmpty()) {
            return Optional.empty();
        }
        return build(node, () -> new SourceConfig(name,
                github ? new SchemeSettings.Github() : SchemeSettings.Hmac.WORKFLOW_COMPLETE,
                secrets.get(),
                github ? Optional.of(new FieldLocation.Header("X-GitHub-Delivery")) : Optional.empty(),
                github ? Optional.of(new FieldLocation.Header("X-GitHub-Event")) : Optional.empty(),
                window.get(), maxBody.get(), forward.get()));
    }

    private Optional<SourceConfig> declaredSource(String name, YamlNode node) {
        if (!SourceConfig.NAME.matcher(name).matches()) {
            node.problem("bad name '" + name + "'", "a source name of " + SourceConfig.NAME_FORM);
            return Optional.empty();
        }
        Map<String, YamlNode> entries = node.mapping("source settings").orElse(null);
        if (entries == null) {
            return Optional.empty();
        }
        Optional<Scheme> scheme = entries.containsKey("verify")
                ? entries.get("verify").parse(Scheme.ACCEPTED, Scheme::parse)
                : missing(node, "verify", Scheme.ACCEPTED);
        List<String> applicable = scheme.map(ConfigFile::keysOf).orElse(KEY_ORDER);
        boolean keysGood = true;
        for (Map.Entry<String, YamlNode> entry : entries.entrySet()) {
            if (!KEY_ORDER.contains(entry.getKey())) {
                entry.getValue().problem("unknown key", String.join(", ", applicable));
                keysGood = false;
            } else if (!applicable.contains(entry.getKey())) {
                entry.getValue().problem("does not apply to verify " + scheme.orElseThrow(),
                        String.join(", ", applicable));
                keysGood = false;
            }
        }
        if (scheme.isEmpty() || !keysGood) {
            return Optional.empty();
        }
        Scheme verify = scheme.get();

        Optional<List<String>> secrets = verify == Scheme.NONE ? Optional.of(List.of())
                : entries.containsKey("secrets") ? optionalSecrets(entries.get("secrets"), verify)
                : missing(node, "secrets", SECRETS_FORM);
        Optional<SchemeSettings> verification = verification(verify, node, entries);
        Optional<Optional<FieldLocation>> key = fieldRule(entries.get("key"))
                .map(rule -> rule.or(() -> defaultKey(verify)));
        if (key.isPresent() && key.get().isEmpty()) {
            missing(node, "key", FieldLocation.ACCEPTED);
            key = Optional.empty();
        }
        Optional<Optional<FieldLocation>> event = fieldRule(entries.get("event"))
                .map(rule -> rule.or(() -> verify == Scheme.GITHUB
                        ? Optional.of(new FieldLocation.Header("X-GitHub-Event")) : Optional.empty()));
        Optional<Duration> window = window(node, entries, defaults.defaultWindow(),
                verification.flatMap(SchemeSettings::tolerance));
        Optional<Long> maxBody = maxBody(entries.get("max_body"), verify == Scheme.GITHUB
                ? githubMaxBody() : defaults.maxBodyBytes());
        Optional<List<DestinationName>> forward = forward(entries.get("forward"));
        if (secrets.isEmpty() || verification.isEmpty() || key.isEmpty() || event.isEmpty() || window.isEmpty()
                || maxBody.isEmpty() || forward.isEmpty()) {
            return Optional.empty();
        }
        Optional<FieldLocation> keyRule = key.get();
        return build(node, () -> new SourceConfig(name, verification.get(), secrets.get(), keyRule, event.get(),
                window.get(), maxBody.get(), forward.get()));
    }

    /** GitHub caps payloads at 25 MB and does not retry a 413: its sources get at least that much. */
    private long githubMaxBody() {
        return Math.max(SourceConfig.GITHUB_MAX_BODY, defaults.maxBodyBytes());
    }

    private static List<String> keysOf(Scheme scheme) {
        return KEY_ORDER.stream().filter(key -> switch (key) {
            case "secrets" -> scheme != Scheme.NONE;
            case "tolerance" -> scheme.timestamped();
            case "header", "algorithm", "encoding", "prefix" -> scheme == Scheme.HMAC;
            default -> COMMON_KEYS.contains(key);
        }).toList();
    }

    private static Optional<FieldLocation> defaultKey(Scheme scheme) {
        return switch (scheme) {
            case STANDARD_WEBHOOKS -> Optional.of(new FieldLocation.Header("webhook-id"));
            case GITHUB -> Optional.of(new FieldLocation.Header("X-GitHub-Delivery"));
            case STRIPE -> Optional.of(new FieldLocation.Json("/id"));
            case HMAC, NONE -> Optional.empty();
        };
    }

    private Optional<SchemeSettings> verification(Scheme scheme, YamlNode node, Map<String, YamlNode> entries) {
        return switch (scheme) {
            case GITHUB -> Optional.of(new SchemeSettings.Github());
            case NONE -> Optional.of(new SchemeSettings.None());
            case STANDARD_WEBHOOKS -> duration(entries.get("tolerance"), SchemeSettings.DEFAULT_TOLERANCE)
                    .map(SchemeSettings.StandardWebhooks::new);
            case STRIPE -> duration(entries.get("tolerance"), SchemeSettings.DEFAULT_TOLERANCE)
                    .map(SchemeSettings.Stripe::new);
            case HMAC -> {
                Optional<String> header = entries.containsKey("header")
                        ? entries.get("header").parse("the name of the header that carries the signature",
                                text -> new FieldLocation.Header(text).name())
                        : missing(node, "header", "the name of the header that carries the signature");
                Optional<SchemeSettings.Algorithm> algorithm = entries.containsKey("algorithm")
                        ? entries.get("algorithm").parse(SchemeSettings.Algorithm.ACCEPTED,
                                SchemeSettings.Algorithm::parse)
                        : Optional.of(SchemeSettings.Algorithm.SHA256);
                Optional<SchemeSettings.Encoding> encoding = entries.containsKey("encoding")
                        ? entries.get("encoding").parse(SchemeSettings.Encoding.ACCEPTED,
                                SchemeSettings.Encoding::parse)
                        : Optional.of(SchemeSettings.Encoding.HEX);
                Optional<String> prefix = entries.containsKey("prefix")
                        ? entries.get("prefix").text("the text before the digest, such as sha256=")
                        : Optional.of("");
                yield header.isPresent() && algorithm.isPresent() && encoding.isPresent() && prefix.isPresent()
                        ? Optional.of(new SchemeSettings.Hmac(header.get(), algorithm.get(), encoding.get(),
                                prefix.get()))
                        : Optional.empty();
            }
        };
    }

    private Optional<List<String>> optionalSecrets(YamlNode node, Scheme scheme) {
        if (node == null) {
            return Optional.of(List.of());
        }
        String form = scheme == Scheme.STANDARD_WEBHOOKS ? StandardWebhooksSecret.ACCEPTED : "a non-empty string";
        Optional<List<YamlNode>> elements = node.list(SECRETS_FORM);
        if (elements.isEmpty()) {
            return Optional.empty();
        }
        if (elements.get().isEmpty()) {
            node.problem("empty secrets list", SECRETS_FORM);
            return Optional.empty();
        }
        List<String> secrets = new ArrayList<>();
        boolean allGood = true;
        for (YamlNode element : elements.get()) {
            Optional<String> secret = element.parse(form, text -> {
                if (text.isBlank()) {
                    throw new Invalid("empty secret", form);
                }
                if (scheme == Scheme.STANDARD_WEBHOOKS) {
                    StandardWebhooksSecret.check(text);
                }
                return text;
            });
            secret.ifPresent(secrets::add);
            allGood &= secret.isPresent();
        }
        return allGood ? Optional.of(secrets) : Optional.empty();
    }

    private Optional<Optional<FieldLocation>> fieldRule(YamlNode node) {
        if (node == null) {
            return Optional.of(Optional.empty());
        }
        return node.parse(FieldLocation.ACCEPTED, FieldLocation::parse).map(Optional::of);
    }

    private Optional<Duration> window(YamlNode source, Map<String, YamlNode> entries, Duration fallback,
            Optional<Duration> tolerance) {
        YamlNode node = entries.get("window");
        Optional<Duration> window = duration(node, fallback);
        if (window.isEmpty()) {
            return window;
        }
        String path = child(source.path(), "window");
        String shown = node == null ? Durations.format(window.get()) + " (the default)"
                : Durations.format(window.get());
        if (window.get().compareTo(defaults.retention()) > 0) {
            problemAt(node, path, "window " + shown + " is longer than the retention "
                    + Durations.format(defaults.retention()),
                    "a window no longer than the retention (HOOKGUARD_RETENTION)");
            return Optional.empty();
        }
        if (tolerance.isPresent() && window.get().compareTo(tolerance.get()) < 0) {
            problemAt(node, path, "window " + shown + " is shorter than the tolerance "
                    + Durations.format(tolerance.get()), "a window at least as long as the tolerance, so that a"
                    + " replay inside the tolerance is caught as a duplicate");
            return Optional.empty();
        }
        return window;
    }

    private Optional<Duration> duration(YamlNode node, Duration fallback) {
        return node == null ? Optional.of(fallback) : node.parse(Durations.ACCEPTED_FORM, ConfigFile::duration);
    }

    static Duration duration(String text) {
        Duration parsed;
        try {
            parsed = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Invalid("bad duration '" + text + "'", Durations.ACCEPTED_FORM);
        }
        if (parsed.isNegative() || parsed.isZero()) {
            throw new Invalid("bad duration '" + text + "' (not positive)", Durations.ACCEPTED_FORM);
        }
        return parsed;
    }

    private Optional<Long> maxBody(YamlNode node, long fallback) {
        if (node == null) {
            return Optional.of(fallback);
        }
        Optional<Long> bytes = node.wholeNumber();
        if (bytes.isPresent()) {
            try {
                return Optional.of(Sizes.check(bytes.get(), String.valueOf(bytes.get())));
            } catch (Invalid invalid) {
                node.problem(invalid);
                return Optional.empty();
            }
        }
        return node.parse(Sizes.ACCEPTED, Sizes::parse);
    }

    private Optional<List<DestinationName>> forward(YamlNode node) {
        if (node == null) {
            return Optional.of(List.of());
        }
        String accepted = declaredDestinations.isEmpty()
                ? "a name declared under destinations (none is declared)"
                : String.join(", ", declaredDestinations);
        Set<String> seen = new LinkedHashSet<>();
        return node.parsedList(accepted, text -> {
            if (!declaredDestinations.contains(text)) {
                throw new Invalid("unknown destination '" + text + "'", accepted);
            }
            if (!seen.add(text)) {
                throw new Invalid("destination '" + text + "' listed twice", "each destination once");
            }
            return new DestinationName(text);
        });
    }

    private Optional<DestinationConfig> destination(String name, YamlNode node) {
        if (!DESTINATION_NAME.matcher(name).matches()) {
            node.problem("bad name '" + name + "'", "a destination name of " + DESTINATION_NAME_FORM);
            return Optional.empty();
        }
        Map<String, YamlNode> entries = node.mapping("destination settings").orElse(null);
        if (entries == null) {
            return Optional.empty();
        }
        boolean http = entries.containsKey("url");
        boolean nats = entries.containsKey("nats");
        String kinds = "exactly one of url (an HTTP destination) or nats (a NATS JetStream destination)";
        if (http && nats) {
            node.problem("both url and nats", kinds);
            return Optional.empty();
        }
        if (!http && !nats) {
            node.problem("missing required key url or nats", kinds);
            return Optional.empty();
        }
        List<String> applicable = http ? HTTP_KEYS : NATS_KEYS;
        boolean keysGood = true;
        for (Map.Entry<String, YamlNode> entry : entries.entrySet()) {
            if (!HTTP_KEYS.contains(entry.getKey()) && !NATS_KEYS.contains(entry.getKey())) {
                entry.getValue().problem("unknown key", String.join(", ", applicable));
                keysGood = false;
            } else if (!applicable.contains(entry.getKey())) {
                entry.getValue().problem("does not apply to " + (http ? "an HTTP" : "a NATS") + " destination",
                        String.join(", ", applicable));
                keysGood = false;
            }
        }
        if (!keysGood) {
            return Optional.empty();
        }
        DestinationName destinationName = new DestinationName(name);
        Optional<List<Duration>> retry = entries.containsKey("retry")
                ? entries.get("retry").parsedList(Durations.ACCEPTED_FORM, ConfigFile::duration)
                : Optional.of(DestinationConfig.DEFAULT_RETRY);
        if (http) {
            Optional<URI> url = entries.get("url").parse(HttpDestination.URL_FORM, HttpDestination::checkUrl);
            Optional<String> secret = entries.containsKey("secret")
                    ? entries.get("secret").parse(HttpDestination.SECRET_FORM, HttpDestination::checkSecret)
                    : missing(node, "secret", HttpDestination.SECRET_FORM);
            Optional<Duration> timeout = duration(entries.get("timeout"), HttpDestination.DEFAULT_TIMEOUT);
            if (url.isEmpty() || secret.isEmpty() || timeout.isEmpty() || retry.isEmpty()) {
                return Optional.empty();
            }
            return build(node, () -> new HttpDestination(destinationName, url.get(), secret.get(), timeout.get(),
                    retry.get()));
        }
        Optional<URI> url = entries.get("nats").parse(NatsDestination.URL_FORM, NatsDestination::checkUrl);
        Optional<String> subject = entries.containsKey("subject")
                ? entries.get("subject").parse(NatsDestination.SUBJECT_FORM, NatsDestination::checkSubject)
                : missing(node, "subject", NatsDestination.SUBJECT_FORM);
        Optional<Optional<String>> stream = entries.containsKey("stream")
                ? entries.get("stream").parse(NatsDestination.STREAM_FORM, NatsDestination::checkStream)
                        .map(Optional::of)
                : Optional.of(Optional.empty());
        if (url.isEmpty() || subject.isEmpty() || stream.isEmpty() || retry.isEmpty()) {
            return Optional.empty();
        }
        return build(node, () -> new NatsDestination(destinationName, url.get(), subject.get(), stream.get(),
                retry.get()));
    }

    private <T> Optional<T> missing(YamlNode parent, String key, String accepted) {
        problems.add(child(parent.path(), key), "missing required key", accepted);
        return Optional.empty();
    }

    private void problemAt(YamlNode node, String path, String problem, String accepted) {
        if (node != null) {
            node.problem(problem, accepted);
        } else {
            problems.add(path, problem, accepted);
        }
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Builds a record whose parts were each checked; a rule only the record knows is reported at its node. */
    private static <T> Optional<T> build(YamlNode node, Supplier<T> constructor) {
        try {
            return Optional.of(constructor.get());
        } catch (IllegalArgumentException e) {
            node.problem(e.getMessage(), "settings that agree with each other");
            return Optional.empty();
        }
    }
}
