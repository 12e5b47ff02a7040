/**
 * Sources' verification schemes and key/event rules: how the HTTP adapter decides that a webhook request is
 * authentic and where its idempotency key and event type are. Nothing here knows Javalin, the domain or the
 * configuration file; a route uses it in this order, on the raw body as received:
 *
 * <pre>{@code
 * RequestHeaders headers = ctx::header;                       // case-insensitive already
 * byte[] raw = ctx.bodyAsBytes();
 * Verification verification = scheme.verify(headers, raw, clock.instant());
 * if (verification instanceof Verification.Refused refused) {
 *     throw 401 problem naming refused.header(), with refused.detail();   // nothing parsed, nothing written
 * }
 * if (verification instanceof Verification.Verified verified) {
 *     count verification by source and verified.secretIndex();
 * }
 * byte[] json = GithubPayload.json(ctx.contentType(), raw);   // github only: the JSON of a form delivery
 * SourceFields.Extracted fields = sourceFields.extract(headers, json);    // BadDeliveryException -> 400
 * }</pre>
 *
 * <p>Schemes are built once from the configuration ({@link io.hookguard.http.source.GithubScheme},
 * {@link io.hookguard.http.source.StandardWebhooksScheme}, {@link io.hookguard.http.source.StripeScheme},
 * {@link io.hookguard.http.source.HmacScheme}, {@link io.hookguard.http.source.NoneScheme}); their constructors
 * refuse bad settings with an {@link java.lang.IllegalArgumentException} whose message names the field
 * ({@code 'secrets[1]'}, {@code 'algorithm'}, {@code 'tolerance'}) and never contains a secret.
 * {@link io.hookguard.http.source.SignatureScheme#tolerance()} is what a timestamped source's dedup window must be
 * at least.
 */
package io.hookguard.http.source;
