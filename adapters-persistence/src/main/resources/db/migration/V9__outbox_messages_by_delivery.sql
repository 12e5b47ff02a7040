-- The console looks up the messages of one delivery (and counts them for a page of deliveries) by the source
-- and key the delivery was accepted under.
CREATE INDEX outbox_messages_origin_idx ON outbox_messages (source, delivery_key);
