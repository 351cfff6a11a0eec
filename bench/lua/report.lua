-- Shared summary: one machine-readable line per run (requests/s, p50 and p99 in ms, non-2xx).
-- Scripts that consume prepared credentials keep their threads in `threads` and set the
-- global `exhausted` in a thread that ran out: such a run is reported as exhausted=1 (its
-- requests/s would count idle time) and the load script refuses it. Scripts that read their
-- responses anyway call count_status(status): the line then names each status that was not
-- 2xx and how often (statuses=400:2,503:11).
status_counts = {}
function count_status(status)
  if status < 200 or status > 299 then status_counts[status] = (status_counts[status] or 0) + 1 end
end

done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  local exhausted, item_errors, counts = 0, 0, {}
  for _, thread in ipairs(threads or {}) do
    if thread:get("exhausted") then exhausted = 1 end
    item_errors = item_errors + (thread:get("item_errors") or 0)
    for status, n in pairs(thread:get("status_counts") or {}) do counts[status] = (counts[status] or 0) + n end
  end
  local statuses = {}
  for status, n in pairs(counts) do statuses[#statuses + 1] = string.format("%d:%d", status, n) end
  table.sort(statuses)
  non2xx = non2xx + item_errors -- batch items the server refused count as failures too
  io.write(string.format("RESULT rps=%.0f p50=%.2f p99=%.2f requests=%d non2xx=%d socket_errors=%d exhausted=%d statuses=%s\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, non2xx, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, exhausted,
    table.concat(statuses, ",")))
end
