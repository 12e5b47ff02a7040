package io.hookguard.http.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The console's stylesheet and script, read from the jar once. Each is served under a name that carries a hash
 * of its content ({@code console-<hash>.css}), so a browser may cache it for good and a new build is never stale.
 */
final class ConsoleAssets {

    static final String PATH = "/console/assets/";

    /** One file: its content type and bytes. */
    record Asset(String contentType, byte[] bytes) {
    }

    private final String stylesheet;
    private final String script;
    private final Map<String, Asset> byName;

    ConsoleAssets() {
        byte[] css = read("console.css");
        byte[] js = read("console.js");
        this.stylesheet = "console-" + hash(css) + ".css";
        this.script = "console-" + hash(js) + ".js";
        this.byName = Map.of(
                stylesheet, new Asset("text/css; charset=utf-8", css),
                script, new Asset("text/javascript; charset=utf-8", js));
    }

    /** The stylesheet's URL path. */
    String stylesheet() {
        return PATH + stylesheet;
    }

    /** The script's URL path. */
    String script() {
        return PATH + script;
    }

    Optional<Asset> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the console asset " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
