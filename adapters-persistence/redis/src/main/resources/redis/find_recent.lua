-- The most recently received events, newest first, skipping index entries whose hash Redis has already expired.
-- KEYS: 1 the received index (sorted set).
-- ARGV: 1 limit, 2 key prefix.
-- Reply: one flat field, value list per event, without the stored request.
-- The event's fields without the stored request's headers and body (read only by the request look-up).
local event_field_names = {'type', 'webhook_id', 'status', 'fingerprint', 'adw_id', 'issue_number', 'received_at', 'locked_until',
    'completed_at', 'attempts', 'response', 'last_error', 'event_type'}
local function event_fields(key)
    local values = redis.call('HMGET', key, unpack(event_field_names))
    local flat = {}
    for i, field in ipairs(event_field_names) do
        if values[i] then
            flat[#flat + 1] = field
            flat[#flat + 1] = values[i]
        end
    end
    return flat
end
local received = KEYS[1]
local limit, prefix = tonumber(ARGV[1]), ARGV[2]

local events, offset = {}, 0
while #events < limit do
    local members = redis.call('ZREVRANGE', received, offset, offset + limit - 1)
    if #members == 0 then
        break
    end
    for _, member in ipairs(members) do
        local fields = event_fields(prefix .. 'event:' .. member)
        if #fields > 0 then
            events[#events + 1] = fields
            if #events == limit then
                break
            end
        end
    end
    offset = offset + #members
end
return events
