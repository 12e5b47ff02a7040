-- The dispatcher's lease takes the due messages of a destination in lease order (next_attempt_at, then seq). With
-- that whole order in the index its LIMIT stops after one batch; with only next_attempt_at, a table without
-- statistics yet (a fresh deployment, or any table autovacuum has not measured) was planned as a sort of every due
-- message, so each lease read the whole backlog and got slower as the backlog grew. Replaces
-- outbox_messages_due_idx, a prefix of it.
CREATE INDEX outbox_messages_lease_idx ON outbox_messages (destination, status, next_attempt_at, seq);
DROP INDEX outbox_messages_due_idx;
-- The ordering rule (is an earlier message of the same destination and key still pending?) matches this index
-- exactly, so it is chosen over the lease index also without statistics. Replaces outbox_messages_ordering_idx.
CREATE INDEX outbox_messages_head_idx ON outbox_messages (destination, ordering_key, status, seq);
DROP INDEX outbox_messages_ordering_idx;
