-- POSTs a form body with HTTP Basic client authentication.
-- Environment: BENCH_BODY (the form), BENCH_BASIC (base64 of client_id:client_secret).
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("BENCH_BASIC")
wrk.headers["Accept"] = "application/json"
dofile("bench/lua/report.lua")
