package io.hookguard.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Guards the operator routes with {@code Authorization: Bearer <admin token>} when a token is configured.
 * Both tokens are hashed before the constant-time comparison, so neither content nor length leaks.
 */
final class AdminAuth {

    private static final String SCHEME = "bearer ";

    private final byte[] expectedDigest;

    AdminAuth(String adminToken) {
        this.expectedDigest = adminToken == null ? null : sha256(adminToken);
    }

    /** Wraps an operator handler: it runs only for an authorized request, others get 401. */
    Handler protect(Handler handler) {
        return ctx -> {
            requireAuthorized(ctx);
            handler.handle(ctx);
        };
    }

    private void requireAuthorized(Context ctx) {
        if (expectedDigest == null) {
            return;
        }
        String authorization = ctx.header("Authorization");
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            throw new ProblemException(ProblemMapper.unauthorized());
        }
        String token = authorization.substring(SCHEME.length()).trim();
        if (!MessageDigest.isEqual(sha256(token), expectedDigest)) {
            throw new ProblemException(ProblemMapper.unauthorized());
        }
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
