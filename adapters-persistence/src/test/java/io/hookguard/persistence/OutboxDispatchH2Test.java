package io.hookguard.persistence;

import io.hookguard.persistence.testing.H2TestDatabase;
import io.hookguard.persistence.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class OutboxDispatchH2Test extends OutboxDispatchTest {

    @RegisterExtension
    static final H2TestDatabase DB = new H2TestDatabase();

    @Override
    protected TestDatabase db() {
        return DB;
    }
}
