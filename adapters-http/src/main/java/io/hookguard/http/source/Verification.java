package io.hookguard.http.source;

import java.util.Objects;

/** What a {@link SignatureScheme} decided about one request. */
public sealed interface Verification permits Verification.Verified, Verification.Refused, Verification.NotChecked {

    /**
     * The request is authentic: the secret at {@code secretIndex} (0 for the first configured secret) signed it.
     * The index is what a metric of verifications by source and secret position counts, so that an operator sees
     * when a rotated-out secret is no longer used.
     */
    record Verified(int secretIndex) implements Verification {
        public Verified {
            if (secretIndex < 0) {
                throw new IllegalArgumentException("'secretIndex' must be 0 or more");
            }
        }
    }

    /**
     * The request is refused (answer 401): {@code header} is the request header at fault and {@code detail} a
     * sentence that names it and says what is wrong. Neither ever contains a secret.
     */
    record Refused(String header, String detail) implements Verification {
        public Refused {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The source declares no verification ({@code none}); nothing was checked and no secret was used. */
    record NotChecked() implements Verification {
    }

    /** True unless the request was refused. */
    default boolean accepted() {
        return !(this instanceof Refused);
    }
}
