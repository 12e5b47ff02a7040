-- The most recently received events, newest first, skipping index entries whose hash Redis has already expired.
-- KEYS: 1 the received index (sorted set).
-- ARGV: 1 limit, 2 key prefix.
-- Reply: one flat field, value list per event, without the stored request.
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
