-- Prepares authorization codes for code-exchange.lua: GETs the authorization endpoint as a
-- signed-in person who already consented, and writes the code from each redirect to
-- BENCH_CODES/<thread>.txt (one file per wrk thread, line-buffered so nothing is lost when
-- wrk stops). Environment: BENCH_COOKIE (the session cookie), BENCH_CODES (a directory).
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

local out
function init(args)
  out = io.open(os.getenv("BENCH_CODES") .. "/" .. id .. ".txt", "a")
  out:setvbuf("line")
end

wrk.method = "GET"
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")

function response(status, headers, body)
  local location = headers["Location"] or headers["location"] or ""
  local code = location:match("[?&]code=([^&]+)")
  if status == 302 and code then out:write(code, "\n") end
end

dofile("bench/lua/report.lua")
