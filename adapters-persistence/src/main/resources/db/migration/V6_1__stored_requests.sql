-- Every claimed delivery keeps the request it was claimed with, for operators: the sender's event type, the content
-- type, the headers in arrival order (never Authorization, Proxy-Authorization or Cookie) and the raw body. The claim
-- writes them on a new row and replaces them on a re-claim; retention deletes them with the row. Rows of deliveries
-- that came without a request (and rows from before this migration) keep NULLs.
-- request_headers is a JSON array of [name, value] pairs, e.g. [["Content-Type","application/json"]].
-- Numbered 6.1 so that it runs after V6 on databases that already have it, and stays clear of V7 and V8.
ALTER TABLE webhook_events ADD COLUMN event_type VARCHAR(255);
ALTER TABLE webhook_events ADD COLUMN content_type VARCHAR(255);
ALTER TABLE webhook_events ADD COLUMN request_headers TEXT;
ALTER TABLE webhook_events ADD COLUMN request_body BYTEA;
