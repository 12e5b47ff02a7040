package io.hookguard.persistence;

import io.hookguard.domain.github.GithubInboxContract;
import io.hookguard.domain.github.GithubInbox;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqGithubInboxPostgresTest extends GithubInboxContract {

    @RegisterExtension
    static final PostgresTestDatabase DB = new PostgresTestDatabase();

    @Override
    protected GithubInbox newInbox() {
        DB.reset();
        return new JooqGithubInbox(DB.database());
    }
}
