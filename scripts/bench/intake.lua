-- wrk script: sends the pre-signed requests of the file named by REQUESTS (see SignedRequests.java).
-- Thread t of T sends lines t, t+T, t+2T, ... so no two connections send the same new delivery; when a thread
-- runs out it starts over (counted as "wrapped", which bench.sh reports: those would be duplicates).
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local nthreads = counter
  requests = {}
  local path = os.getenv("REQUESTS")
  local n = 0
  local i = 0
  local file = assert(io.open(path, "r"))
  for line in file:lines() do
    if i % tonumber(os.getenv("WRK_THREADS")) == tid then
      local fields = {}
      for f in string.gmatch(line, "[^\t]+") do table.insert(fields, f) end
      local headers = { ["Content-Type"] = "application/json" }
      for k = 3, #fields do
        local colon = string.find(fields[k], ":", 1, true)
        headers[string.sub(fields[k], 1, colon - 1)] = string.sub(fields[k], colon + 1)
      end
      n = n + 1
      requests[n] = wrk.format("POST", fields[1], headers, fields[2])
    end
    i = i + 1
  end
  file:close()
  count = n
  next_index = 1
  wrapped = 0
  replayed = 0
  non2xx = 0
end

function request()
  local r = requests[next_index]
  next_index = next_index + 1
  if next_index > count then
    next_index = 1
    wrapped = wrapped + 1
  end
  return r
end

function response(status, headers, body)
  if headers["Idempotent-Replayed"] == "true" then
    replayed = replayed + 1
  end
end

function done(summary, latency, requests)
  local wraps, repl = 0, 0
  for _, thread in ipairs(threads) do
    wraps = wraps + (thread:get("wrapped") or 0)
    repl = repl + (thread:get("replayed") or 0)
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f p50_us=%d p99_us=%d max_us=%d errors=%d non2xx=%d replayed=%d wrapped=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status, repl, wraps))
end
