package io.hookguard.app.config;

import java.util.Base64;

/** The form of a Standard Webhooks secret: {@code whsec_} and base64 (a pasted leading {@code v1,} is tolerated). */
final class StandardWebhooksSecret {

    static final String ACCEPTED = "a Standard Webhooks secret: whsec_ followed by base64";

    private StandardWebhooksSecret() {
    }

    /** The key bytes the secret stands for. */
    static byte[] check(String secret) {
        String rest = secret.startsWith("v1,") ? secret.substring(3) : secret;
        rest = rest.startsWith("whsec_") ? rest.substring("whsec_".length()) : rest;
        if (rest.isEmpty()) {
            throw new Invalid("empty Standard Webhooks secret", ACCEPTED);
        }
        try {
            return Base64.getDecoder().decode(rest);
        } catch (IllegalArgumentException e) {
            throw new Invalid("not a Standard Webhooks secret (the part after whsec_ is not base64)", ACCEPTED);
        }
    }
}
