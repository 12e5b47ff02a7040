-- Deletes at most a batch of events received before the cutoff, sparing claims whose lease runs past it.
-- Index entries whose hash Redis has already expired (TTL) are removed too and counted as deleted, so that a
-- reply below the batch size still means that nothing past the cutoff is left.
-- KEYS: 1 the received index (sorted set).
-- ARGV: 1 cutoff (epoch microseconds), 2 batch size, 3 key prefix.
local received = KEYS[1]
local cutoff, batch, prefix = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local cutoff_number = tonumber(cutoff)

local deleted, spared = 0, 0
while deleted < batch do
    local members = redis.call('ZRANGEBYSCORE', received, '-inf', '(' .. cutoff, 'LIMIT', spared, batch - deleted)
    if #members == 0 then
        break
    end
    for _, member in ipairs(members) do
        local separator = string.find(member, ':', 1, true)
        local webhook_type, webhook_id = string.sub(member, 1, separator - 1), string.sub(member, separator + 1)
        local event = prefix .. 'event:' .. member
        local row = redis.call('HMGET', event, 'status', 'locked_until', 'received_at')
        local gone = not row[1]
        local expired = not gone and tonumber(row[3]) < cutoff_number
            and (row[1] ~= 'PROCESSING' or tonumber(row[2]) <= cutoff_number)
        if gone or expired then
            redis.call('DEL', event)
            redis.call('ZREM', received, member)
            redis.call('SREM', prefix .. 'id:' .. webhook_id, webhook_type)
            deleted = deleted + 1
        else
            spared = spared + 1
        end
    end
end
return deleted
