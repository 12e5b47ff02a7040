-- The unique key leads with webhook_id, so that the one index serves both the claim's look-up by
-- (webhook_type, webhook_id) and the operators' look-up by webhook_id alone (GET /api/v1/webhook-events/{id}),
-- which V1's (webhook_type, webhook_id) order could only answer with a full scan. Still one index on the key.
ALTER TABLE webhook_events DROP CONSTRAINT webhook_events_type_id_key;
ALTER TABLE webhook_events ADD CONSTRAINT webhook_events_id_type_key UNIQUE (webhook_id, webhook_type);
