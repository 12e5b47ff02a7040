-- Completes or fails a claim, only while the row still belongs to it (PROCESSING with the claim's attempt).
-- KEYS: 1 the event hash, 2 the received index (sorted set), 3 the set of types that have this webhook id.
-- ARGV: 1 the claim's attempt, 2 'COMPLETED' or 'FAILED', 3 now (epoch microseconds), 4 the response or the error,
--       5 '1' when ARGV[4] is present ('0' for none), 6 retention in milliseconds.
-- Reply: 1 when the row was changed, 0 when it no longer belongs to the claim.
local event, received, types = KEYS[1], KEYS[2], KEYS[3]
local attempt, outcome, now, text, has_text, retention = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]

local row = redis.call('HMGET', event, 'status', 'attempts', 'received_at', 'type', 'webhook_id')
if row[1] ~= 'PROCESSING' or tonumber(row[2]) ~= tonumber(attempt) then
    return 0
end

local text_field
if outcome == 'COMPLETED' then
    redis.call('HSET', event, 'status', 'COMPLETED', 'completed_at', now)
    redis.call('HDEL', event, 'locked_until')
    text_field = 'response'
elseif outcome == 'FAILED' then
    redis.call('HSET', event, 'status', 'FAILED')
    redis.call('HDEL', event, 'locked_until', 'completed_at', 'response')
    text_field = 'last_error'
else
    return redis.error_reply('ERR unknown outcome ' .. outcome)
end
if has_text == '1' then
    redis.call('HSET', event, text_field, text)
else
    redis.call('HDEL', event, text_field)
end

redis.call('ZADD', received, row[3], row[4] .. ':' .. row[5])
redis.call('SADD', types, row[4])
for _, key in ipairs(KEYS) do
    redis.call('PEXPIRE', key, retention)
end
return 1
