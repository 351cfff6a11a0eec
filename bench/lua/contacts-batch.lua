-- POSTs batches of 1,000 contacts to /api/v1/contacts/batch with a bearer token. BENCH_MODE=create
-- makes every email new (each request creates 1,000 contacts); BENCH_MODE=update sends the same
-- emails again with a changing name (after the warm-up, each request updates 1,000 contacts). Environment:
-- BENCH_TOKEN, BENCH_MODE. Counts the items the server did not apply as errors.
threads = {}
function setup(thread)
  threads[#threads + 1] = thread
  thread:set("id", #threads)
end

local mode = os.getenv("BENCH_MODE") or "create"
local run = tostring(os.time())
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Accept"] = "application/json"

function request()
  counter = counter + 1
  local items = {}
  for i = 1, 1000 do
    local email
    if mode == "update" then
      -- 16 sets of 1,000 per thread: requests in flight at once never share a contact
      email = "bench-" .. id .. "-" .. (counter % 16) .. "-" .. i .. "@example.com"
    else
      email = "bench-" .. run .. "-" .. id .. "-" .. counter .. "-" .. i .. "@example.com"
    end
    items[i] = '{"email":"' .. email .. '","first_name":"Ada ' .. counter .. '","last_name":"Lovelace",'
      .. '"tags":["bench"],"status":"subscribed"}'
  end
  return wrk.format(nil, nil, nil, '{"contacts":[' .. table.concat(items, ",") .. ']}')
end

item_errors = 0
function response(status, headers, body)
  local errors = body:match('"errors":(%d+)')
  if errors and tonumber(errors) > 0 then item_errors = item_errors + tonumber(errors) end
end

dofile("bench/lua/report.lua")
