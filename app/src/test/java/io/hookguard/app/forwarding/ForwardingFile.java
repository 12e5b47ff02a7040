package io.hookguard.app.forwarding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a {@code HOOKGUARD_CONFIG} file: which sources forward to which destinations, and the destinations. */
final class ForwardingFile {

    /** A Standard Webhooks secret ({@code whsec_} + base64 of 32 bytes), the same for every test. */
    static final String SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("hookguard-e2e-destination-key-32".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private final List<String> sources = new ArrayList<>();
    private final List<String> destinations = new ArrayList<>();

    static ForwardingFile create() {
        return new ForwardingFile();
    }

    /** The built-in phase queue's reports forward to {@code destinations}. */
    ForwardingFile workflowCompleteForwardsTo(String... destinations) {
        sources.add("  workflow_complete:\n    forward: [" + String.join(", ", destinations) + "]\n");
        return this;
    }

    /** A declared source, verbatim lines under its name (indented by the caller's four spaces). */
    ForwardingFile source(String name, String... lines) {
        StringBuilder text = new StringBuilder("  " + name + ":\n");
        for (String line : lines) {
            text.append("    ").append(line).append('\n');
        }
        sources.add(text.toString());
        return this;
    }

    /** An HTTP destination signed with {@link #SECRET}, with a short retry schedule such as {@code [1s, 2s]}. */
    ForwardingFile http(String name, String url, String retry) {
        return http(name, url, retry, "5s");
    }

    ForwardingFile http(String name, String url, String retry, String timeout) {
        destinations.add("  " + name + ":\n    url: " + url + "\n    secret: \"" + SECRET + "\"\n    timeout: "
                + timeout + "\n    retry: " + retry + "\n");
        return this;
    }

    ForwardingFile nats(String name, String url, String subject, String stream, String retry) {
        destinations.add("  " + name + ":\n    nats: " + url + "\n    subject: " + subject + "\n    stream: " + stream
                + "\n    retry: " + retry + "\n");
        return this;
    }

    String yaml() {
        return "sources:\n" + String.join("", sources) + "destinations:\n" + String.join("", destinations);
    }

    /** Writes the file into {@code directory} and returns its path. */
    Path writeTo(Path directory) throws IOException {
        Path file = Files.createTempFile(directory, "hookguard-", ".yaml");
        Files.writeString(file, yaml());
        return file;
    }
}
