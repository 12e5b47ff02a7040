package io.hookguard.persistence;

import com.zaxxer.hikari.pool.HikariPool;
import io.hookguard.domain.idempotency.StoreContentionException;
import io.hookguard.domain.idempotency.StoreException;
import io.hookguard.domain.idempotency.StoreUnavailableException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.h2.api.ErrorCode;
import org.h2.jdbc.JdbcException;

/**
 * Translates what JDBC, HikariCP and jOOQ throw into the domain's store exceptions: lock timeouts, deadlocks
 * and serialization failures are contention; refused, broken or timed-out connections make the store
 * unavailable. Anything else (a bug, a constraint) is returned unchanged.
 */
final class StoreErrors {

    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String QUERY_CANCELED = "57014";
    private static final Set<String> SERVER_SHUTTING_DOWN = Set.of("57P01", "57P02", "57P03");
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    private static final String INSUFFICIENT_RESOURCES_CLASS = "53";
    /** What HikariCP's proxy says, without an SQLState, once the pool has evicted a broken connection. */
    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

    private static final Set<Integer> H2_CONTENTION = Set.of(
            ErrorCode.LOCK_TIMEOUT_1, ErrorCode.DEADLOCK_1, ErrorCode.CONCURRENT_UPDATE_1);
    private static final Set<Integer> H2_UNAVAILABLE = Set.of(
            ErrorCode.DATABASE_ALREADY_OPEN_1, ErrorCode.CONNECTION_BROKEN_1, ErrorCode.DATABASE_IS_CLOSED,
            ErrorCode.DATABASE_CALLED_AT_SHUTDOWN);

    private StoreErrors() {
    }

    /** The domain exception for {@code failure}, or {@code failure} itself when it is no store failure. */
    static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof StoreException) {
            return failure;
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean unavailable = false;
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql) {
                if (isContention(sql)) {
                    return new StoreContentionException(
                            "the database reported contention: " + sql.getMessage(), failure);
                }
                unavailable |= isUnavailable(sql);
            }
            unavailable |= t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException || t instanceof HikariPool.PoolInitializationException;
        }
        if (unavailable) {
            return new StoreUnavailableException("the database is unavailable: " + rootMessage(failure), failure);
        }
        return failure;
    }

    private static boolean isContention(SQLException e) {
        String state = e.getSQLState();
        return LOCK_NOT_AVAILABLE.equals(state) || DEADLOCK_DETECTED.equals(state)
                || SERIALIZATION_FAILURE.equals(state)
                || (isH2(e) && H2_CONTENTION.contains(e.getErrorCode()));
    }

    private static boolean isUnavailable(SQLException e) {
        String state = e.getSQLState();
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException || e instanceof SQLTimeoutException) {
            return true;
        }
        if (state != null && (state.startsWith(CONNECTION_EXCEPTION_CLASS)
                || state.startsWith(INSUFFICIENT_RESOURCES_CLASS)
                || SERVER_SHUTTING_DOWN.contains(state) || QUERY_CANCELED.equals(state))) {
            return true;
        }
        if (state == null && HIKARI_CLOSED_CONNECTION.equals(e.getMessage())) {
            return true;
        }
        return isH2(e) && H2_UNAVAILABLE.contains(e.getErrorCode());
    }

    private static boolean isH2(SQLException e) {
        return e instanceof JdbcException;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
