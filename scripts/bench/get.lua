-- wrk script for GET floors: prints the same RESULT line as intake.lua.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f p50_us=%d p99_us=%d max_us=%d errors=%d non2xx=%d replayed=0 wrapped=0\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status))
end
