-- Exchanges authorization codes prepared by authorize.lua, one per request, each once (codes
-- are single-use); a thread stops when its codes run out. Environment: BENCH_CODES (the
-- directory authorize.lua wrote), BENCH_BASIC (base64 client_id:client_secret),
-- BENCH_REDIRECT_URI, BENCH_VERIFIER (the PKCE code_verifier of every prepared code).
-- Answers that are not 2xx are counted by status, so that the report says which they were.
threads = {}
function setup(thread)
  threads[#threads + 1] = thread
  thread:set("id", #threads)
end

local codes = {}
local next_code = 1
function init(args)
  for line in io.lines(os.getenv("BENCH_CODES") .. "/" .. id .. ".txt") do codes[#codes + 1] = line end
end

local form = "grant_type=authorization_code&redirect_uri=" .. os.getenv("BENCH_REDIRECT_URI")
  .. "&code_verifier=" .. os.getenv("BENCH_VERIFIER") .. "&code="
local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["Authorization"] = "Basic " .. os.getenv("BENCH_BASIC"),
  ["Accept"] = "application/json",
}

function request()
  local code = codes[next_code]
  if code == nil then
    exhausted = true
    wrk.thread:stop()
    code = "exhausted"
  end
  next_code = next_code + 1
  return wrk.format("POST", nil, headers, form .. code)
end

function response(status)
  count_status(status)
end

dofile("bench/lua/report.lua")
