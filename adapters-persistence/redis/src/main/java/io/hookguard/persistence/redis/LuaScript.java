package io.hookguard.persistence.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisScriptingCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** A Lua script run by its SHA-1 (EVALSHA), sent in full (EVAL) only when Redis does not know it yet. */
final class LuaScript {

    private final String name;
    private final String source;
    private final String sha1;

    LuaScript(String name, String source) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = Objects.requireNonNull(source, "source");
        this.sha1 = sha1Hex(source);
    }

    /**
     * The script {@code redis/{name}.lua} on the class path, after the shared pieces {@code redis/{prelude}.lua} it
     * uses (functions several scripts need), so that each is one script for Redis.
     */
    static LuaScript fromResource(String name, String... preludes) {
        StringBuilder source = new StringBuilder();
        for (String prelude : preludes) {
            source.append(read(prelude)).append('\n');
        }
        return new LuaScript(name, source.append(read(name)).toString());
    }

    private static String read(String name) {
        String path = "redis/" + name + ".lua";
        try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    <T> T run(RedisScriptingCommands<String, String> commands, ScriptOutputType output, String[] keys,
            String... args) {
        try {
            return commands.evalsha(sha1, output, keys, args);
        } catch (RedisNoScriptException e) {
            return commands.eval(source, output, keys, args);
        }
    }

    String sha1() {
        return sha1;
    }

    String source() {
        return source;
    }

    @Override
    public String toString() {
        return name + ".lua";
    }

    private static String sha1Hex(String source) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
    }
}
