/**
 * The configuration file named by {@code HOOKGUARD_CONFIG}: declared sources and forwarding destinations.
 *
 * <p>{@link io.hookguard.app.config.ConfigFile} reads the YAML once into immutable records
 * ({@link io.hookguard.app.config.FileConfig}, {@link io.hookguard.app.config.SourceConfig},
 * {@link io.hookguard.app.config.DestinationConfig}); nothing else sees the YAML. The shape:
 *
 * <pre>{@code
 * sources:
 *   <name>:                # [a-z][a-z0-9_]{0,63}; receives at POST /api/v1/webhooks/<name>
 *     verify: github | standard-webhooks | stripe | hmac | none     (required)
 *     secrets: [...]       # one or more, any one verifies (rotation); not with none
 *     tolerance: 5m        # standard-webhooks and stripe only; default 5m
 *     key: header:<name> | json:<RFC 6901 pointer>
 *                          # default: standard-webhooks header:webhook-id, github header:X-GitHub-Delivery,
 *                          # stripe json:/id; required for hmac and none
 *     event: header:<name> | json:<pointer>      # optional; github defaults to header:X-GitHub-Event
 *     window: 3d           # dedup window; default HOOKGUARD_DEDUP_WINDOW (the retention); at most the
 *                          # retention, and at least the tolerance of a timestamped scheme
 *     max_body: 25MiB      # bytes, KiB or MiB, 1KiB..64MiB; default HOOKGUARD_MAX_BODY; GitHub-verified
 *                          # sources default to at least 25MiB
 *     forward: [<destination>, ...]
 *     header: X-Acme-Signature   # hmac only (required)
 *     algorithm: sha256          # hmac only: sha256 (default) or sha512; sha1 is refused
 *     encoding: hex              # hmac only: hex (default) or base64
 *     prefix: "sha256="          # hmac only: text before the digest; default none
 *   github:                # built-in: only secrets, window, max_body, forward
 *   workflow_complete:     # built-in: only secrets, window, max_body, forward
 * destinations:
 *   <name>:                # [a-z][a-z0-9_-]{0,63}; exactly one of url or nats
 *     url: https://...     # HTTP: POST signed as Standard Webhooks
 *     secret: whsec_...    # HTTP, required
 *     timeout: 15s         # HTTP, default 15s
 *     nats: nats://host:4222   # NATS JetStream
 *     subject: a.b         # NATS, required; no wildcards
 *     stream: NAME         # NATS, optional; created if missing
 *     retry: [5s, 1m, 5m, 30m, 2h, 5h, 10h]   # both; the default; [] = no retry
 * }</pre>
 *
 * <p>Durations are written {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d} or ISO-8601.
 * {@code ${NAME}} in any string is replaced by the environment variable {@code NAME} ({@code $$} is a literal
 * {@code $}); an unset variable is a mistake. Every destination must be named by some source's {@code forward}.
 *
 * <p>Mistakes fail the start with one line: the file, then each mistake as {@code path: problem; accepted: ...},
 * joined by "; ", for example
 * {@code hookguard.yaml: sources.stripe.verify: unknown scheme 'stripey'; accepted: github, standard-webhooks,
 * stripe, hmac, none}.
 *
 * <p>The environment wins where it says the same thing: {@code HOOKGUARD_WEBHOOK_SECRET} and
 * {@code HOOKGUARD_GITHUB_SECRET} become the first secret of their built-in source, followed by the file's
 * secrets that differ from it; {@code HOOKGUARD_DEDUP_WINDOW_WORKFLOW_COMPLETE} and
 * {@code HOOKGUARD_DEDUP_WINDOW_GITHUB} replace the file's window of that source.
 */
package io.hookguard.app.config;
