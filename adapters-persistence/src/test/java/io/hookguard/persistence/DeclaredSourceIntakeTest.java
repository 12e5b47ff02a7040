package io.hookguard.persistence;

import io.hookguard.persistence.testing.H2TestDatabase;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import io.hookguard.persistence.testing.TestDatabase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A declared source's exactly-once rules on H2 (the embedded default) and on PostgreSQL. */
class DeclaredSourceIntakeTest {

    @Nested
    class OnH2 extends DeclaredSourceIntakeScenarios {

        @RegisterExtension
        static final H2TestDatabase DB = new H2TestDatabase();

        @Override
        protected TestDatabase db() {
            return DB;
        }
    }

    @Nested
    class OnPostgres extends DeclaredSourceIntakeScenarios {

        @RegisterExtension
        static final PostgresTestDatabase DB = new PostgresTestDatabase();

        @Override
        protected TestDatabase db() {
            return DB;
        }
    }
}
