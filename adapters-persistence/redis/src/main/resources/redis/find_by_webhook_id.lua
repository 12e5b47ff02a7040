-- The events with one webhook id, one per type that has it.
-- KEYS: 1 the set of types that have this webhook id.
-- ARGV: 1 webhook id, 2 key prefix.
-- Reply: one flat field, value list per event, without the stored request.
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
