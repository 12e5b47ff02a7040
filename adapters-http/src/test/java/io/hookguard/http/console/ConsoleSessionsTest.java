package io.hookguard.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
    private final ConsoleSessions sessions = new ConsoleSessions(clock, 3);

    @Test
    void sessionsHaveUnguessableDistinctIdsAndCsrfTokens() {
        ConsoleSessions.Session first = sessions.create();
        ConsoleSessions.Session second = sessions.create();

        assertThat(first.id()).hasSize(43).isNotEqualTo(second.id()).isNotEqualTo(first.csrfToken());
        assertThat(first.csrfToken()).isNotEqualTo(second.csrfToken());
        assertThat(sessions.find(first.id())).containsSame(first);
    }

    @Test
    void csrfTokenIsAcceptedOnlyWhenItMatches() {
        ConsoleSessions.Session session = sessions.create();

        assertThat(session.acceptsCsrf(session.csrfToken())).isTrue();
        assertThat(session.acceptsCsrf(null)).isFalse();
        assertThat(session.acceptsCsrf("")).isFalse();
        assertThat(session.acceptsCsrf(session.csrfToken() + "x")).isFalse();
        assertThat(session.acceptsCsrf(sessions.create().csrfToken())).isFalse();
    }

    @Test
    void sessionExpiresAfterBeingIdle() {
        ConsoleSessions.Session session = sessions.create();
        clock.advance(ConsoleSessions.IDLE.minusSeconds(1));
        assertThat(sessions.find(session.id())).isPresent();

        clock.advance(ConsoleSessions.IDLE);

        assertThat(sessions.find(session.id())).isEmpty();
    }

    @Test
    void sessionExpiresAfterItsLifetimeEvenWhenUsed() {
        ConsoleSessions.Session session = sessions.create();
        Duration step = ConsoleSessions.IDLE.dividedBy(2);
        for (Duration used = Duration.ZERO; used.plus(step).compareTo(ConsoleSessions.LIFETIME) < 0;
                used = used.plus(step)) {
            clock.advance(step);
            assertThat(sessions.find(session.id())).isPresent();
        }

        clock.advance(step);

        assertThat(sessions.find(session.id())).isEmpty();
    }

    @Test
    void atMostCapacitySessionsAreKeptEvictingTheLeastRecentlyUsed() {
        ConsoleSessions.Session oldest = sessions.create();
        ConsoleSessions.Session used = sessions.create();
        ConsoleSessions.Session third = sessions.create();
        sessions.find(oldest.id());

        ConsoleSessions.Session fourth = sessions.create();

        assertThat(sessions.size()).isEqualTo(3);
        assertThat(sessions.find(used.id())).isEmpty();
        assertThat(sessions.find(oldest.id())).isPresent();
        assertThat(sessions.find(third.id())).isPresent();
        assertThat(sessions.find(fourth.id())).isPresent();
    }

    @Test
    void loggedOutSessionIsGone() {
        ConsoleSessions.Session session = sessions.create();

        sessions.remove(session.id());

        assertThat(sessions.find(session.id())).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
    }
}
