package io.hookguard.http.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The console's logged-in sessions, in memory: random ids, each with its own CSRF token, expiring after an idle
 * time and an absolute lifetime. At most {@code capacity} are kept; a new one evicts the least recently used.
 */
final class ConsoleSessions {

    static final Duration IDLE = Duration.ofHours(1);
    static final Duration LIFETIME = Duration.ofHours(8);
    static final int CAPACITY = 1_000;

    /** One session: its cookie id, its CSRF token, and when it was created and last used. */
    static final class Session {
        private final String id;
        private final String csrfToken;
        private final Instant createdAt;
        private Instant lastSeenAt;

        private Session(String id, String csrfToken, Instant createdAt) {
            this.id = id;
            this.csrfToken = csrfToken;
            this.createdAt = createdAt;
            this.lastSeenAt = createdAt;
        }

        String id() {
            return id;
        }

        String csrfToken() {
            return csrfToken;
        }

        /** Whether {@code candidate} is this session's CSRF token, compared in constant time. */
        boolean acceptsCsrf(String candidate) {
            return candidate != null && MessageDigest.isEqual(
                    candidate.getBytes(StandardCharsets.UTF_8), csrfToken.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final int capacity;
    private final Map<String, Session> sessions;

    ConsoleSessions(Clock clock, int capacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (capacity < 1) {
            throw new IllegalArgumentException("'capacity' must be at least 1");
        }
        this.capacity = capacity;
        this.sessions = new LinkedHashMap<>(16, 0.75f, true);
    }

    synchronized Session create() {
        Session session = new Session(randomToken(), randomToken(), clock.instant());
        sessions.put(session.id(), session);
        while (sessions.size() > capacity) {
            String eldest = sessions.keySet().iterator().next();
            sessions.remove(eldest);
        }
        return session;
    }

    /** The live session with this id, touched; expired ones are dropped. */
    synchronized Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(session.lastSeenAt.plus(IDLE)) || !now.isBefore(session.createdAt.plus(LIFETIME))) {
            sessions.remove(id);
            return Optional.empty();
        }
        session.lastSeenAt = now;
        return Optional.of(session);
    }

    synchronized void remove(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    synchronized int size() {
        return sessions.size();
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
