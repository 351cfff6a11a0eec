-- Load for scripts/outage-test.sh: alternates a client_credentials token request and an API GET,
-- and counts the answers by status, the 503s without Retry-After and the 500s. Environment:
-- OUTAGE_BASIC (the client's Basic credentials), OUTAGE_TOKEN (an access token for the API).
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

local token_request, api_request
counts = {}
local n = 0
function init(args)
  token_request = wrk.format("POST", "/oauth2/token", {
    ["Authorization"] = "Basic " .. os.getenv("OUTAGE_BASIC"),
    ["Content-Type"] = "application/x-www-form-urlencoded"
  }, "grant_type=client_credentials&scope=contacts.read")
  api_request = wrk.format("GET", "/api/v1/contacts?limit=10", {
    ["Authorization"] = "Bearer " .. os.getenv("OUTAGE_TOKEN")
  })
end

function request()
  n = n + 1
  if n % 2 == 0 then return api_request end
  return token_request
end

function response(status, headers, body)
  local key = tostring(status)
  if status == 503 and not (headers["Retry-After"] or headers["retry-after"]) then
    key = "503-without-retry-after"
  end
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get("counts")) do
      total[key] = (total[key] or 0) + count
    end
  end
  local line = ""
  for key, count in pairs(total) do line = line .. key .. "=" .. count .. " " end
  io.write(string.format("statuses %s\n", line))
  io.write(string.format("requests %d\n", summary.requests))
  io.write(string.format("socket_errors %d\n", summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
  io.write(string.format("error_kinds connect=%d read=%d write=%d timeout=%d\n", summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("max_latency_ms %d\n", latency.max / 1000))
end
