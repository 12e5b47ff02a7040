package io.hookguard.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.impl.DSL;

/**
 * A hot statement built with jOOQ from the generated schema, rendered ONCE for the database's dialect with named
 * parameters (created by {@link #param}; every other value is inlined as a constant), and then executed through JDBC with values bound by name. jOOQ builds and renders a statement from
 * scratch on every execution; for the claim, the completion and the phase updates that was the largest part of
 * the server's CPU per delivery (see docs/PERFORMANCE.md). The SQL is the same as jOOQ would send.
 */
final class RenderedStatement {

    private static final String PREFIX = "hg_";
    private static final Pattern NAMED = Pattern.compile(":" + PREFIX + "([a-z_]+)");

    private final Supplier<Query> query;
    private final DSLContext dsl;
    private volatile Rendered rendered;

    private RenderedStatement(DSLContext dsl, Supplier<Query> query) {
        this.dsl = dsl;
        this.query = query;
    }

    /** A named parameter for {@link #render}; its value is given by name at execution. */
    static <T> Param<T> param(String name, Class<T> type) {
        return DSL.param(PREFIX + name, type);
    }

    /** A named parameter of an explicit SQL type, for types whose default cast a dialect lacks (H2 has no BLOB cast). */
    static <T> Param<T> param(String name, DataType<T> type) {
        return DSL.param(PREFIX + name, type);
    }

    /**
     * The statement {@code query} builds, rendered on first use (so that starting the server does not wait for
     * jOOQ's first rendering) and then kept.
     */
    static RenderedStatement render(DSLContext dsl, Supplier<Query> query) {
        return new RenderedStatement(Objects.requireNonNull(dsl, "dsl"), Objects.requireNonNull(query, "query"));
    }

    String sql() {
        return rendered().sql();
    }

    /** The parameter name of each {@code ?} of {@link #sql()}, in order. */
    List<String> parameterNames() {
        return rendered().names();
    }

    private Rendered rendered() {
        Rendered result = rendered;
        if (result == null) {
            synchronized (this) {
                result = rendered;
                if (result == null) {
                    result = Rendered.of(dsl.renderNamedOrInlinedParams(query.get()));
                    rendered = result;
                }
            }
        }
        return result;
    }

    /** Prepares the statement on {@code connection} with {@code values} bound by parameter name. */
    PreparedStatement prepare(Connection connection, Map<String, ?> values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql());
        try {
            bind(statement, values);
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
        return statement;
    }

    /** Binds {@code values} by parameter name to a statement prepared from {@link #sql()}. */
    void bind(PreparedStatement statement, Map<String, ?> values) throws SQLException {
        bind(statement, values, 1);
    }

    /**
     * Binds {@code values} to a statement whose SQL holds {@link #sql()} with its first marker at index
     * {@code first} (one statement of several sent together); returns the index after its last marker.
     */
    int bind(PreparedStatement statement, Map<String, ?> values, int first) throws SQLException {
        List<String> names = rendered().names();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("no value for parameter '" + name + "'");
            }
            Object value = values.get(name);
            statement.setObject(first + i, value instanceof Instant instant
                    ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)
                    : value);
        }
        return first + names.size();
    }

    @Override
    public String toString() {
        Rendered result = rendered;
        return result == null ? "(not rendered yet)" : result.sql();
    }

    /** The SQL with {@code ?} markers and the parameter name of each marker, in order. */
    private record Rendered(String sql, List<String> names) {

        static Rendered of(String named) {
            Matcher matcher = NAMED.matcher(named);
            StringBuilder sql = new StringBuilder(named.length());
            List<String> names = new ArrayList<>();
            while (matcher.find()) {
                names.add(matcher.group(1));
                matcher.appendReplacement(sql, "?");
            }
            matcher.appendTail(sql);
            return new Rendered(sql.toString(), List.copyOf(names));
        }
    }
}
