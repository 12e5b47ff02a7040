package io.hookguard.persistence;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.h2.api.ErrorCode;
import org.h2.jdbc.JdbcException;

/**
 * Why a database could not be opened, as far as an operator can act on it: read from the SQLStates (PostgreSQL)
 * and error codes (H2) anywhere in a failure's cause chain.
 */
public enum ConnectionFailure {
    /** Nothing answers at the address, or the connection broke while it was being set up (08001, 08006). */
    REFUSED,
    /** The server rejected the user or its password (28P01, 28000). */
    CREDENTIALS_REJECTED,
    /** The server answers but the named database does not exist (3D000). */
    DATABASE_MISSING,
    /** The embedded H2 file is open in another process. */
    LOCKED_BY_ANOTHER_PROCESS,
    /** Anything else. */
    UNKNOWN;

    /** The first recognised reason in {@code failure}'s cause chain, or {@link #UNKNOWN}. */
    public static ConnectionFailure of(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql) {
                ConnectionFailure reason = of(sql);
                if (reason != UNKNOWN) {
                    return reason;
                }
            }
        }
        return UNKNOWN;
    }

    private static ConnectionFailure of(SQLException e) {
        if (e instanceof JdbcException && e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return LOCKED_BY_ANOTHER_PROCESS;
        }
        String state = e.getSQLState();
        if (state == null) {
            return UNKNOWN;
        }
        return switch (state) {
            case "08001", "08006", "08004" -> REFUSED;
            case "28P01", "28000" -> CREDENTIALS_REJECTED;
            case "3D000" -> DATABASE_MISSING;
            default -> UNKNOWN;
        };
    }
}
