package io.hookguard.app;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the server may listen. All interfaces only when every source verifies signatures and an admin token
 * protects the operator routes; otherwise loopback. An explicit non-loopback host is refused while either is
 * missing, with a reason that names what is missing.
 */
final class BindPolicy {

    static final String LOOPBACK = "127.0.0.1";
    static final String ALL_INTERFACES = "0.0.0.0";

    /** What the policy decided. */
    sealed interface Decision permits Bind, Refuse {
    }

    /** Listen on {@code host}. */
    record Bind(String host) implements Decision {
        Bind {
            Objects.requireNonNull(host, "'host' is required");
        }
    }

    /** Do not start; {@code reason} is one line naming the unverified sources and/or the missing admin token. */
    record Refuse(String reason) implements Decision {
        Refuse {
            Objects.requireNonNull(reason, "'reason' is required");
        }
    }

    private BindPolicy() {
    }

    /**
     * Decides the bind address.
     *
     * @param explicitHost the host the operator configured, if any
     * @param unverifiedSources the names of the sources that accept deliveries without checking a signature
     * @param adminTokenPresent whether the operator routes require an admin token
     */
    static Decision decide(Optional<String> explicitHost, List<String> unverifiedSources, boolean adminTokenPresent) {
        boolean exposable = unverifiedSources.isEmpty() && adminTokenPresent;
        if (explicitHost.isEmpty()) {
            return new Bind(exposable ? ALL_INTERFACES : LOOPBACK);
        }
        String host = explicitHost.get();
        if (exposable || isLoopback(host)) {
            return new Bind(host);
        }
        return new Refuse("HOOKGUARD_HOST=" + host + " is not a loopback address, but " + missing(unverifiedSources,
                adminTokenPresent) + ": verify every source and set HOOKGUARD_ADMIN_TOKEN, or bind " + LOOPBACK);
    }

    /** Whether {@code host} names this machine's loopback interface only: localhost, 127.0.0.0/8 or ::1. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127(\\.\\d{1,3}){3}");
    }

    private static String missing(List<String> unverifiedSources, boolean adminTokenPresent) {
        String signatures = unverifiedSources.isEmpty() ? ""
                : "signatures are not verified for " + String.join(", ", unverifiedSources);
        String token = adminTokenPresent ? "" : "no HOOKGUARD_ADMIN_TOKEN is set";
        return signatures.isEmpty() ? token : token.isEmpty() ? signatures : signatures + " and " + token;
    }
}
