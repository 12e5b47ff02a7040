package io.hookguard.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.persistence.testing.H2TestDatabase;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import io.hookguard.persistence.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Timestamps stay right whatever the session time zone, on H2 (the embedded default) and on PostgreSQL. */
class TimeZoneSafetyTest {

    @Nested
    class OnH2 extends TimeZoneSafetyScenarios {

        @RegisterExtension
        static final H2TestDatabase DB = new H2TestDatabase();

        @Override
        protected TestDatabase db() {
            return DB;
        }

        @Override
        protected void setSessionZone(DSLContext dsl, String zone) {
            dsl.execute("SET TIME ZONE '" + zone + "'");
        }

        @Override
        protected String sessionZone(DSLContext dsl) {
            return dsl.fetchValue(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'TIME ZONE'").toString();
        }
    }

    @Nested
    class OnPostgres extends TimeZoneSafetyScenarios {

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
}
