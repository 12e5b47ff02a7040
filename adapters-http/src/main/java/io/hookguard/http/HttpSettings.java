package io.hookguard.http;

/**
 * What the HTTP edge needs to know from configuration; a {@code null} secret or token means "not configured".
 *
 * @param webhookSecret HMAC secret of {@code X-Webhook-Signature} on workflow-complete, or null to accept unsigned
 * @param githubSecret  HMAC secret of {@code X-Hub-Signature-256} on GitHub deliveries, or null to accept unsigned
 * @param adminToken    bearer token of the operator routes, or null to leave them open
 * @param maxBodyBytes  the largest request body accepted; larger ones get 413
 */
public record HttpSettings(String webhookSecret, String githubSecret, String adminToken, long maxBodyBytes) {

    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final long MAX_MAX_BODY_BYTES = 1024 * 1024 * 1024;

    public HttpSettings {
        requireNotBlank(webhookSecret, "webhookSecret");
        requireNotBlank(githubSecret, "githubSecret");
        requireNotBlank(adminToken, "adminToken");
        if (maxBodyBytes < 1 || maxBodyBytes > MAX_MAX_BODY_BYTES) {
            throw new IllegalArgumentException("'maxBodyBytes' must be 1.." + MAX_MAX_BODY_BYTES);
        }
    }

    /** Nothing configured: unsigned deliveries, open operator routes, the default body limit. */
    public static HttpSettings unsecured() {
        return new HttpSettings(null, null, null, DEFAULT_MAX_BODY_BYTES);
    }

    @Override
    public String toString() {
        return "HttpSettings[webhookSecret=" + mask(webhookSecret) + ", githubSecret=" + mask(githubSecret)
                + ", adminToken=" + mask(adminToken) + ", maxBodyBytes=" + maxBodyBytes + "]";
    }

    private static String mask(String secret) {
        return secret == null ? "<not set>" : "****";
    }

    private static void requireNotBlank(String secret, String name) {
        if (secret != null && secret.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' must not be blank; leave it unset (null) instead");
        }
    }
}
