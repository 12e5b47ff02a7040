package io.hookguard.persistence;

import io.hookguard.domain.github.GithubInboxContract;
import io.hookguard.domain.github.GithubInbox;
import io.hookguard.persistence.testing.H2TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqGithubInboxH2Test extends GithubInboxContract {

    @RegisterExtension
    static final H2TestDatabase DB = new H2TestDatabase();

    @Override
    protected GithubInbox newInbox() {
        DB.reset();
        return new JooqGithubInbox(DB.database());
    }
}
