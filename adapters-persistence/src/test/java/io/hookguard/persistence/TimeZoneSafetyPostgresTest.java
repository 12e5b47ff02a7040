package io.hookguard.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.persistence.testing.PostgresTestDatabase;
import io.hookguard.persistence.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TimeZoneSafetyPostgresTest extends TimeZoneSafetyTest {

    @RegisterExtension
    static final PostgresTestDatabase DB = new PostgresTestDatabase();

    @Override
    protected TestDatabase db() {
        return DB;
    }

    @Test
    void sessionsOutsideAUnitOfWorkRunInTheJvmZone() {
        assertThat(sessionZone(shifted.dsl())).isEqualTo(JVM_ZONE);
    }

    @Override
    protected void setSessionZone(DSLContext dsl, String zone) {
        dsl.execute("SET LOCAL TIME ZONE '" + zone + "'");
    }

    @Override
    protected String sessionZone(DSLContext dsl) {
        return dsl.fetchValue("SELECT current_setting('TimeZone')").toString();
    }
}
