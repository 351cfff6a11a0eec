-- GETs with a bearer token. Environment: BENCH_TOKEN.
wrk.method = "GET"
local token = os.getenv("BENCH_TOKEN")
if token ~= "none" then wrk.headers["Authorization"] = "Bearer " .. token end
wrk.headers["Accept"] = "application/json"
dofile("bench/lua/report.lua")
