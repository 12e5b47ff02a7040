package io.hookguard.persistence;

import io.hookguard.persistence.testing.PostgresTestDatabase;
import io.hookguard.persistence.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class OutboxDispatchPostgresTest extends OutboxDispatchTest {

    @RegisterExtension
    static final PostgresTestDatabase DB = new PostgresTestDatabase();

    @Override
    protected TestDatabase db() {
        return DB;
    }
}
