package io.hookguard.persistence;

import io.hookguard.persistence.testing.H2TestDatabase;
import io.hookguard.persistence.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.RegisterExtension;

class TimeZoneSafetyH2Test extends TimeZoneSafetyTest {

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
        return dsl.fetchValue("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'TIME ZONE'")
                .toString();
    }
}
