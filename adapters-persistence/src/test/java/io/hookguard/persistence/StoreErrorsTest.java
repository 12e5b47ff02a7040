package io.hookguard.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.idempotency.StoreContentionException;
import io.hookguard.domain.idempotency.StoreUnavailableException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreErrorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"55P03", "40P01", "40001"})
    void lockTimeoutDeadlockAndSerializationFailureAreContention(String sqlState) {
        assertThat(StoreErrors.translate(jooq(new SQLException("busy", sqlState))))
                .isInstanceOf(StoreContentionException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"08001", "08006", "57P01", "57P02", "57P03", "53300", "57014"})
    void brokenRefusedOrShutDownConnectionsMakeTheStoreUnavailable(String sqlState) {
        assertThat(StoreErrors.translate(jooq(new SQLException("gone", sqlState))))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void poolTimeoutAndRefusedSocketMakeTheStoreUnavailable() {
        assertThat(StoreErrors.translate(jooq(new SQLTransientConnectionException("pool - request timed out"))))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(StoreErrors.translate(jooq(new SQLException("I/O", null, new ConnectException("refused")))))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(StoreErrors.translate(jooq(new SQLException("Connection is closed"))))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void h2LockTimeoutIsContentionThoughItIsASqlTimeout() {
        SQLException lockTimeout = DbException.get(ErrorCode.LOCK_TIMEOUT_1, "webhook_events").getSQLException();

        assertThat(StoreErrors.translate(jooq(lockTimeout))).isInstanceOf(StoreContentionException.class);
    }

    @Test
    void h2ClosedDatabaseMakesTheStoreUnavailable() {
        SQLException closed = DbException.get(ErrorCode.DATABASE_IS_CLOSED).getSQLException();

        assertThat(StoreErrors.translate(jooq(closed))).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void otherFailuresAndStoreExceptionsAreLeftAsTheyAre() {
        DataAccessException uniqueViolation = jooq(new SQLException("duplicate key", "23505"));
        StoreContentionException contention = new StoreContentionException("busy", null);
        IllegalStateException bug = new IllegalStateException("bug");

        assertThat(StoreErrors.translate(uniqueViolation)).isSameAs(uniqueViolation);
        assertThat(StoreErrors.translate(contention)).isSameAs(contention);
        assertThat(StoreErrors.translate(bug)).isSameAs(bug);
    }

    private static DataAccessException jooq(SQLException cause) {
        return new DataAccessException("SQL [...]; " + cause.getMessage(), cause);
    }
}
