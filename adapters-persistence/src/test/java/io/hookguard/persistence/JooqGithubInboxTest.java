package io.hookguard.persistence;

import io.hookguard.domain.github.GithubInbox;
import io.hookguard.domain.github.GithubInboxContract;
import io.hookguard.persistence.testing.H2TestDatabase;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The relational GitHub inbox passes the inbox's contract on H2 (the embedded default) and on PostgreSQL. */
class JooqGithubInboxTest {

    @Nested
    class OnH2 extends GithubInboxContract {

        @RegisterExtension
        static final H2TestDatabase DB = new H2TestDatabase();

        @Override
        protected GithubInbox newInbox() {
            DB.reset();
            return new JooqGithubInbox(DB.database());
        }
    }

    @Nested
    class OnPostgres extends GithubInboxContract {

        @RegisterExtension
        static final PostgresTestDatabase DB = new PostgresTestDatabase();

        @Override
        protected GithubInbox newInbox() {
            DB.reset();
            return new JooqGithubInbox(DB.database());
        }
    }
}
