-- Load for scripts/cluster-test.sh's kill -9 check: on each connection, a client_credentials token
-- request and a contact write (POST /api/v1/contacts, a new email each time) in turn. Every token
-- received goes to CLUSTER_OUT/tokens-<thread>.txt and every acknowledged (201) email to
-- CLUSTER_OUT/acked-<thread>.txt, line by line, so that the script can check afterwards that none
-- was lost. Environment: CLUSTER_BASIC (Basic credentials of the app), CLUSTER_TOKEN (an access
-- token of it with contacts.write), CLUSTER_OUT (a directory), CLUSTER_RUN (makes emails unique).
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

local token_request, contact_headers, tokens_out, acked_out, run
local n = 0
statuses = {}
failed = 0
tokens = 0
acked = 0

function init(args)
  local dir = os.getenv("CLUSTER_OUT")
  tokens_out = io.open(dir .. "/tokens-" .. id .. ".txt", "w")
  tokens_out:setvbuf("line")
  acked_out = io.open(dir .. "/acked-" .. id .. ".txt", "w")
  acked_out:setvbuf("line")
  run = os.getenv("CLUSTER_RUN")
  token_request = wrk.format("POST", "/oauth2/token", {
    ["Authorization"] = "Basic " .. os.getenv("CLUSTER_BASIC"),
    ["Content-Type"] = "application/x-www-form-urlencoded"
  }, "grant_type=client_credentials&scope=contacts.read")
  contact_headers = {
    ["Authorization"] = "Bearer " .. os.getenv("CLUSTER_TOKEN"),
    ["Content-Type"] = "application/json"
  }
end

function request()
  n = n + 1
  if n % 2 == 1 then return token_request end
  local email = string.format("load-%s-%d-%d@cluster.test", run, id, n)
  return wrk.format("POST", "/api/v1/contacts", contact_headers, '{"email":"' .. email .. '"}')
end

-- wrk does not tell which request an answer belongs to: the body does
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local token = status == 200 and body:match('"access_token":"([^"]+)"')
  local email = status == 201 and body:match('"email":"([^"]+)"')
  if token then
    tokens_out:write(token, "\n")
    tokens = tokens + 1
  elseif email then
    acked_out:write(email, "\n")
    acked = acked + 1
  else
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local total = { failed = 0, tokens = 0, acked = 0 }
  local by_status = {}
  for _, thread in ipairs(threads) do
    for key in pairs(total) do total[key] = total[key] + thread:get(key) end
    for status, count in pairs(thread:get("statuses")) do by_status[status] = (by_status[status] or 0) + count end
  end
  local line = ""
  for status, count in pairs(by_status) do line = line .. status .. "=" .. count .. " " end
  local e = summary.errors
  io.write(string.format("requests %d\nfailed %d\ntokens %d\nacked %d\nstatuses %s\n", summary.requests,
    total.failed, total.tokens, total.acked, line))
  io.write(string.format("socket_errors %d\nerror_kinds connect=%d read=%d write=%d timeout=%d\n",
    e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout))
  io.write(string.format("max_latency_ms %d\n", latency.max / 1000))
end
