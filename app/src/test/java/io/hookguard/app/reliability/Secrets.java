package io.hookguard.app.reliability;

import java.util.List;

/** The distinctive secrets every jar of the harness runs with, so that its logs can be searched for them. */
final class Secrets {

    static final String WEBHOOK = "hgrel-webhook-secret-5f0c2d7e9a41";
    static final String GITHUB = "hgrel-github-secret-8b3e6a1c4d92";
    static final String ADMIN_TOKEN = "hgrel-admin-token-2e7f9b0a6c13";
    /** Sent to PostgreSQL only if it asks (trust authentication does not); it must not be logged either way. */
    static final String DATABASE_PASSWORD = "hgrel-db-password-9d4a1f7e3b58";

    static final List<String> ALL = List.of(WEBHOOK, GITHUB, ADMIN_TOKEN, DATABASE_PASSWORD);

    private Secrets() {
    }
}
