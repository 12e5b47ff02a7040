package io.hookguard.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.persistence.testing.H2TestDatabase;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import io.hookguard.persistence.testing.TestDatabase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hot statements keep their shape with stored requests: the claim is one statement that binds the body once
 * (the update takes it from the inserted values), and the look-up before the claim never reads headers or body.
 */
class StoredRequestStatementsTest {

    abstract static class Scenarios {

        protected abstract TestDatabase db();

        @Test
        void claimBindsTheRequestOnceInOneStatement() {
            RenderedStatement claim = new JooqWebhookEventStore(db().database()).claimStatement();

            assertThat(claim.sql()).doesNotContain(";");
            assertThat(claim.parameterNames()).containsOnlyOnce("request_body", "request_headers", "content_type",
                    "event_type");
        }

        @Test
        void lookUpBeforeTheClaimReadsNeitherHeadersNorBody() {
            String sql = new JooqWebhookEventStore(db().database()).findStatement().sql();

            assertThat(sql).contains("\"event_type\"").doesNotContain("request_body").doesNotContain("request_headers")
                    .doesNotContain("*");
        }
    }

    @Nested
    class OnH2 extends Scenarios {
        @RegisterExtension
        static final TestDatabase DB = new H2TestDatabase();

        @Override
        protected TestDatabase db() {
            return DB;
        }
    }

    @Nested
    class OnPostgres extends Scenarios {
        @RegisterExtension
        static final TestDatabase DB = new PostgresTestDatabase();

        @Override
        protected TestDatabase db() {
            return DB;
        }
    }
}
