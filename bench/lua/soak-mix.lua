-- The soak's mix: one client_credentials grant for every BENCH_API_PER_GRANT API GETs with a
-- bearer token, at BENCH_RATE requests/s in all (0 for full speed). The rate is open-loop: each
-- wrk thread hands out send times on a fixed schedule (its share of the rate), so a slower or
-- faster server does not change how much is asked of it. Environment: BENCH_BASIC (base64 of
-- client_id:client_secret), BENCH_TOKEN, BENCH_API_PER_GRANT, BENCH_RATE, BENCH_THREADS.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } soak_timespec;
  int clock_gettime(int clock, soak_timespec *now);
]]
local now_buffer = ffi.new("soak_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, now_buffer) -- CLOCK_MONOTONIC
  return tonumber(now_buffer.tv_sec) * 1000 + tonumber(now_buffer.tv_nsec) / 1e6
end

local grant, api
local per_grant = tonumber(os.getenv("BENCH_API_PER_GRANT") or "3")
local rate = tonumber(os.getenv("BENCH_RATE") or "0")
local interval = 0 -- milliseconds between this thread's sends
local next_send = 0
local counter = 0

-- Built in init: wrk knows the Host header only once a thread starts.
init = function(args)
  grant = wrk.format("POST", "/oauth2/token", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = "Basic " .. os.getenv("BENCH_BASIC"),
    ["Accept"] = "application/json",
  }, "grant_type=client_credentials&scope=contacts.read")
  api = wrk.format("GET", "/api/v1/me", {
    ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
    ["Accept"] = "application/json",
  })
  if rate > 0 then interval = 1000 * tonumber(os.getenv("BENCH_THREADS") or "1") / rate end
  next_send = now_ms()
end

request = function()
  counter = counter + 1
  if counter % (per_grant + 1) == 0 then return grant end
  return api
end

if rate > 0 then
  -- The next free slot on the schedule; a server that fell behind gets at most 100 ms of
  -- requests at once, not everything it missed.
  delay = function()
    local now = now_ms()
    if next_send < now - 100 then next_send = now - 100 end
    next_send = next_send + interval
    local wait = next_send - now
    if wait <= 0 then return 0 end
    return math.floor(wait + 0.5)
  end
end

dofile("bench/lua/report.lua")
