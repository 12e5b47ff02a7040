package io.hookguard.http.source;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** How far a signed timestamp may lie from now, either way; and the parsing of Unix-seconds header values. */
record Tolerance(Duration value) {

    static final Duration DEFAULT = Duration.ofMinutes(5);

    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,18}");

    Tolerance {
        Objects.requireNonNull(value, "'tolerance' is required");
        if (value.toSeconds() < 1) {
            throw new IllegalArgumentException("'tolerance' must be at least 1 second, not " + value);
        }
    }

    /** True if {@code text} is a Unix time in whole seconds: digits only, no sign, no fraction. */
    static boolean isUnixSeconds(String text) {
        return UNIX_SECONDS.matcher(text).matches();
    }

    /**
     * A refusal when {@code epochSecond} lies more than the tolerance before or after {@code now}.
     *
     * @param header the header to name in the refusal
     * @param what how the detail names the timestamp, such as {@code 'webhook-timestamp'}
     */
    Optional<Verification.Refused> check(String header, String what, long epochSecond, Instant now) {
        long age = now.getEpochSecond() - epochSecond;
        long allowed = value.toSeconds();
        if (age > allowed) {
            return Optional.of(new Verification.Refused(header, what + " is " + age
                    + " seconds old; at most " + allowed + " seconds are accepted (a replayed or delayed request)"));
        }
        if (-age > allowed) {
            return Optional.of(new Verification.Refused(header, what + " lies " + (-age)
                    + " seconds in the future; at most " + allowed
                    + " seconds are accepted (is the sender's clock right?)"));
        }
        return Optional.empty();
    }
}
