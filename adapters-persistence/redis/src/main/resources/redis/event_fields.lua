-- Shared by the scripts that read events; prepended to them by LuaScript.fromResource(name, "event_fields").
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
