-- Refresh grant with a fresh refresh token per request: refresh tokens rotate, so every
-- response's new token goes back into the thread's pool for a later request. Environment:
-- BENCH_REFRESH (a directory with <thread>.txt, refresh tokens of separate grants, at
-- least one per connection), BENCH_BASIC (base64 client_id:client_secret).
threads = {}
function setup(thread)
  threads[#threads + 1] = thread
  thread:set("id", #threads)
end

local pool = {}
function init(args)
  for line in io.lines(os.getenv("BENCH_REFRESH") .. "/" .. id .. ".txt") do pool[#pool + 1] = line end
end

local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["Authorization"] = "Basic " .. os.getenv("BENCH_BASIC"),
  ["Accept"] = "application/json",
}

function request()
  local token = table.remove(pool, 1)
  if token == nil then
    exhausted = true
    wrk.thread:stop()
    token = "exhausted"
  end
  return wrk.format("POST", nil, headers, "grant_type=refresh_token&refresh_token=" .. token)
end

function response(status, headers, body)
  count_status(status)
  local token = body:match('"refresh_token"%s*:%s*"([^"]+)"')
  if token then pool[#pool + 1] = token end
end

dofile("bench/lua/report.lua")
