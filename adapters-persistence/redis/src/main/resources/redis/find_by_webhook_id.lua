-- The events with one webhook id, one per type that has it.
-- KEYS: 1 the set of types that have this webhook id.
-- ARGV: 1 webhook id, 2 key prefix.
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
local types = KEYS[1]
local webhook_id, prefix = ARGV[1], ARGV[2]

local events = {}
for _, webhook_type in ipairs(redis.call('SMEMBERS', types)) do
    local fields = event_fields(prefix .. 'event:' .. webhook_type .. ':' .. webhook_id)
    if #fields > 0 then
        events[#events + 1] = fields
    end
end
return events
