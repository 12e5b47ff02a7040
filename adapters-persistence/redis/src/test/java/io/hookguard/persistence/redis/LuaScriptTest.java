package io.hookguard.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LuaScriptTest {

    @Test
    void scriptRedisDoesNotKnowIsSentInFullAndThenKnownBySha() {
        RedisCommands<String, String> redis = RedisTestServer.commands();
        LuaScript script = new LuaScript("probe", "return ARGV[1] -- " + UUID.randomUUID());
        assertThat(redis.scriptExists(script.sha1())).containsExactly(false);

        String first = script.run(redis, ScriptOutputType.VALUE, new String[0], "first");

        assertThat(first).isEqualTo("first");
        assertThat(redis.scriptExists(script.sha1())).containsExactly(true);
        String second = script.run(redis, ScriptOutputType.VALUE, new String[0], "second");
        assertThat(second).isEqualTo("second");
    }

    @Test
    void shaIsTheOneRedisComputes() {
        LuaScript script = LuaScript.fromResource("claim");

        assertThat(script.sha1()).isEqualTo(RedisTestServer.commands().scriptLoad(script.source()));
    }
}
