package io.hookguard.persistence;

import static io.hookguard.persistence.jooq.Tables.WEBHOOK_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class RenderedStatementTest {

    private final RenderedStatement statement = RenderedStatement.render(
            DSL.using(SQLDialect.POSTGRES, new Settings().withRenderSchema(false)),
            () -> DSL.update(WEBHOOK_EVENTS)
                    .set(WEBHOOK_EVENTS.COMPLETED_AT, RenderedStatement.param("now", Instant.class))
                    .set(WEBHOOK_EVENTS.STATUS, "COMPLETED")
                    .where(WEBHOOK_EVENTS.WEBHOOK_ID.eq(RenderedStatement.param("id", String.class)))
                    .and(WEBHOOK_EVENTS.RECEIVED_AT.le(RenderedStatement.param("now", Instant.class))));

    @Test
    void namedParametersBecomeMarkersAndConstantsAreInlined() {
        assertThat(statement.sql())
                .contains("\"completed_at\" = cast(? as timestamp with time zone)")
                .contains("\"status\" = 'COMPLETED'")
                .contains("\"webhook_id\" = ?")
                .doesNotContain(":hg_");
    }

    private final List<Object> bound = new ArrayList<>();
    private final PreparedStatement recorder = (PreparedStatement) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                if (method.getName().equals("setObject")) {
                    bound.add(args[1]);
                }
                return null;
            });

    @Test
    void valuesAreBoundByNameAtEveryMarkerInstantsAsOffsetDateTimes() throws Exception {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");

        statement.bind(recorder, Map.of("now", now, "id", "k-1"));

        OffsetDateTime utc = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        assertThat(bound).containsExactly(utc, "k-1", utc);
    }

    @Test
    void aMissingValueIsRefused() {
        assertThatThrownBy(() -> statement.bind(recorder, Map.of("now", Instant.EPOCH)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id'");
    }
}
