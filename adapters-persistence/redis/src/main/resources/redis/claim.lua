-- Decides one claim atomically: WebhookEventStore#claim and the claim table of docs/SEMANTICS.md.
-- KEYS: 1 the event hash, 2 the received index (sorted set), 3 the set of types that have this webhook id.
-- ARGV: 1 type, 2 webhook id, 3 fingerprint, 4 now, 5 window start, 6 lease until (epoch microseconds, all from
--       the domain clock), 7 adw id ('' = none), 8 issue number ('' = none), 9 retention in milliseconds,
--       10 '1' when the delivery came with a request ('0' for none), 11 its event type ('' = none), 12 its content
--       type, 13 its headers (a JSON array of [name, value] pairs), 14 its raw body in base64.
-- A claim that wins keeps the request in the hash (replacing the one of an earlier attempt); a refusal leaves it.
-- Reply: {'CLAIMED', attempt, locked_until} | {'DUPLICATE', completed_at, response or nil}
--        | {'IN_FLIGHT', locked_until} | {'MISMATCH', stored fingerprint}.
-- Times stay the strings the caller sent; tonumber() only compares them (tostring() would round them).
local event, received, types = KEYS[1], KEYS[2], KEYS[3]
local webhook_type, webhook_id, fingerprint = ARGV[1], ARGV[2], ARGV[3]
local now, window_start, lease_until = ARGV[4], ARGV[5], ARGV[6]
local adw_id, issue_number, retention = ARGV[7], ARGV[8], ARGV[9]
local has_request, event_type, content_type, request_headers, request_body = ARGV[10], ARGV[11], ARGV[12],
    ARGV[13], ARGV[14]

local function keep_request()
    redis.call('HDEL', event, 'event_type', 'content_type', 'request_headers', 'request_body')
    if has_request == '1' then
        redis.call('HSET', event, 'content_type', content_type, 'request_headers', request_headers,
            'request_body', request_body)
        if event_type ~= '' then
            redis.call('HSET', event, 'event_type', event_type)
        end
    end
end

local function index(received_at)
    redis.call('ZADD', received, received_at, webhook_type .. ':' .. webhook_id)
    redis.call('SADD', types, webhook_type)
    for _, key in ipairs(KEYS) do
        redis.call('PEXPIRE', key, retention)
    end
end

local function start_over(attempt)
    redis.call('DEL', event)
    redis.call('HSET', event, 'type', webhook_type, 'webhook_id', webhook_id, 'status', 'PROCESSING',
        'fingerprint', fingerprint, 'received_at', now, 'locked_until', lease_until, 'attempts', attempt)
    if adw_id ~= '' then
        redis.call('HSET', event, 'adw_id', adw_id)
    end
    if issue_number ~= '' then
        redis.call('HSET', event, 'issue_number', issue_number)
    end
    keep_request()
    index(now)
    return {'CLAIMED', attempt, lease_until}
end

local row = redis.call('HMGET', event, 'status', 'fingerprint', 'received_at', 'locked_until', 'completed_at',
    'attempts', 'response')
local status, stored_fingerprint, received_at, locked_until = row[1], row[2], row[3], row[4]
local completed_at, attempts, response = row[5], row[6], row[7]

if not status then
    return start_over('1')
end
if status == 'COMPLETED' and tonumber(completed_at) <= tonumber(window_start) then
    return start_over(tostring(tonumber(attempts) + 1))
end
if stored_fingerprint ~= fingerprint then
    return {'MISMATCH', stored_fingerprint}
end
if status == 'COMPLETED' then
    return {'DUPLICATE', completed_at, response}
end
if status == 'PROCESSING' and tonumber(locked_until) > tonumber(now) then
    return {'IN_FLIGHT', locked_until}
end
if status ~= 'PROCESSING' and status ~= 'FAILED' then
    return redis.error_reply('ERR event ' .. event .. ' has unknown status ' .. status)
end

-- FAILED, or PROCESSING past its lease: the retry takes the row over; it keeps its received_at.
local attempt = tostring(tonumber(attempts) + 1)
redis.call('HSET', event, 'status', 'PROCESSING', 'locked_until', lease_until, 'attempts', attempt)
redis.call('HDEL', event, 'completed_at', 'response')
keep_request()
index(received_at)
return {'CLAIMED', attempt, lease_until}
