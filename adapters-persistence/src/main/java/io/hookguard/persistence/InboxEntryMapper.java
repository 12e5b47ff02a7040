package io.hookguard.persistence;

import io.hookguard.domain.github.GithubEvent;
import io.hookguard.domain.github.InboxEntry;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.persistence.jooq.tables.records.GithubDeliveriesRecord;

/** Turns {@code github_deliveries} rows into the domain's {@link InboxEntry}. */
final class InboxEntryMapper {

    private InboxEntryMapper() {
    }

    static InboxEntry toDomain(GithubDeliveriesRecord row) {
        return new InboxEntry(
                new WebhookId(row.getDeliveryId()),
                new GithubEvent(row.getEvent()),
                row.getAction(),
                row.getRepository(),
                row.getPayload(),
                row.getReceivedAt());
    }
}
