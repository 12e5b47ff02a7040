package io.hookguard.app;

import io.hookguard.app.config.DestinationConfig;
import io.hookguard.app.config.FileConfig;
import io.hookguard.domain.outbox.Destination;
import io.hookguard.domain.outbox.RetrySchedule;
import io.hookguard.http.forward.HttpDestination;
import io.hookguard.http.forward.HttpDestinationSettings;
import io.hookguard.http.forward.SigningSecret;
import io.hookguard.nats.NatsDestination;
import io.hookguard.nats.NatsSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds one {@link Destination} per destination of the configuration file, and the dispatcher's route to it:
 * HTTP destinations share one {@link HttpClient}; NATS destinations connect on their first attempt, and are added
 * to {@code opened} so that the owner of the lifecycle closes them.
 */
final class DestinationRoutes {

    /** Attempts to one HTTP destination at once: a slow receiver holds only these. */
    static final int HTTP_CONCURRENCY = 4;
    /** Publishes to one NATS destination at once (each waits for its acknowledgement). */
    static final int NATS_CONCURRENCY = 2;
    /** What a NATS attempt may take beyond waiting for its acknowledgement: connecting. */
    static final Duration NATS_CONNECT_ALLOWANCE = Duration.ofSeconds(2);

    private DestinationRoutes() {
    }

    static List<OutboxDispatcher.Route> open(FileConfig file, Clock clock, List<AutoCloseable> opened) {
        List<OutboxDispatcher.Route> routes = new ArrayList<>();
        HttpClient client = null;
        for (DestinationConfig destination : file.destinations()) {
            RetrySchedule schedule = RetrySchedule.of(destination.retry());
            if (destination instanceof io.hookguard.app.config.HttpDestination http) {
                if (client == null) {
                    client = HttpDestination.newClient();
                }
                routes.add(new OutboxDispatcher.Route(new HttpDestination(httpSettings(http), client, clock),
                        schedule, http.timeout(), HTTP_CONCURRENCY));
            } else if (destination instanceof io.hookguard.app.config.NatsDestination nats) {
                NatsSettings settings = natsSettings(nats);
                NatsDestination publisher = new NatsDestination(settings, clock);
                opened.add(publisher);
                routes.add(new OutboxDispatcher.Route(publisher, schedule,
                        settings.ackTimeout().plus(NATS_CONNECT_ALLOWANCE), NATS_CONCURRENCY));
            }
        }
        return List.copyOf(routes);
    }

    static HttpDestinationSettings httpSettings(io.hookguard.app.config.HttpDestination http) {
        SigningSecret secret;
        try {
            secret = SigningSecret.parse(http.secret());
        } catch (IllegalArgumentException e) {
            throw new StartupException("destination '" + http.name() + "': " + e.getMessage(), null);
        }
        return new HttpDestinationSettings(http.name(), http.url(), secret, http.timeout());
    }

    static NatsSettings natsSettings(io.hookguard.app.config.NatsDestination nats) {
        Duration longest = nats.longestRetryDelay().isZero() ? NatsSettings.DEFAULT_ACK_TIMEOUT
                : nats.longestRetryDelay();
        return new NatsSettings(nats.name(), nats.url().toString(), nats.subject(), nats.stream().orElse(null),
                NatsSettings.DEFAULT_ACK_TIMEOUT, longest);
    }

    /** One line for the start-up log: every destination, its kind and where it points, without secrets. */
    static String describe(List<DestinationConfig> destinations) {
        if (destinations.isEmpty()) {
            return "forwarding: no destinations configured";
        }
        return "forwarding to " + destinations.size() + (destinations.size() == 1 ? " destination: " : " destinations: ")
                + destinations.stream().map(DestinationRoutes::describe).collect(Collectors.joining(", "));
    }

    private static String describe(DestinationConfig destination) {
        String retry = "retry " + destination.retry().stream().map(Durations::format)
                .collect(Collectors.joining(",", "[", "]"));
        if (destination instanceof io.hookguard.app.config.HttpDestination http) {
            return http.name() + " (http " + masked(http.url()) + ", timeout " + Durations.format(http.timeout())
                    + ", " + retry + ")";
        }
        io.hookguard.app.config.NatsDestination nats = (io.hookguard.app.config.NatsDestination) destination;
        return nats.name() + " (nats " + natsSettings(nats).maskedUrl() + " subject " + nats.subject()
                + nats.stream().map(stream -> " stream " + stream).orElse("") + ", " + retry + ")";
    }

    /** Scheme, host, port and path: no user info, no query (either may carry a token). */
    static String masked(URI url) {
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return url.getScheme() + "://" + url.getHost() + port + path + (url.getRawQuery() == null ? "" : "?…");
    }
}
