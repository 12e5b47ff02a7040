package io.hookguard.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConnectionFailureTest {

    @ParameterizedTest
    @CsvSource({
            "08001, REFUSED", "08006, REFUSED", "08004, REFUSED",
            "28P01, CREDENTIALS_REJECTED", "28000, CREDENTIALS_REJECTED",
            "3D000, DATABASE_MISSING",
            "42P01, UNKNOWN", "40001, UNKNOWN"})
    void sqlStateAnywhereInTheCauseChainNamesTheReason(String sqlState, ConnectionFailure expected) {
        SQLException cause = new SQLException("server said no", sqlState);

        assertThat(ConnectionFailure.of(new RuntimeException("pool failed", new RuntimeException(cause))))
                .isEqualTo(expected);
    }

    @Test
    void h2FileInUseByAnotherProcessIsLocked() {
        SQLException locked = DbException.getJdbcSQLException(ErrorCode.DATABASE_ALREADY_OPEN_1, null, "",
                "The file is locked: /data/hookguard.mv.db");

        assertThat(ConnectionFailure.of(new IllegalStateException(locked)))
                .isEqualTo(ConnectionFailure.LOCKED_BY_ANOTHER_PROCESS);
    }

    @Test
    void failureWithoutSqlExceptionIsUnknown() {
        assertThat(ConnectionFailure.of(new IllegalStateException("boom"))).isEqualTo(ConnectionFailure.UNKNOWN);
    }

    @Test
    void causeCycleEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(ConnectionFailure.of(a)).isEqualTo(ConnectionFailure.UNKNOWN);
    }
}
