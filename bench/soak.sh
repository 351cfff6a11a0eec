#!/usr/bin/env bash
# Soak test (issue 10, item 6): finds the maximum a node serves on a mix of client_credentials
# grants and API calls, then holds 70 % of that for 10 minutes and checks that nothing failed and
# memory stayed flat.
#   bench/soak.sh                          the full run: about 12 minutes
#   SOAK_MINUTES=2 bench/soak.sh           a shorter hold
#   SOAK_SHARE=70 SOAK_API_PER_GRANT=3     the share of the maximum, and API calls per grant in the mix
#   BENCH_DB=postgres bench/soak.sh        Mailgate on PostgreSQL (database mailgate_bench, see .ci/services)
# Starts its own Mailgate the way a user does (./mailgate serve, its default JVM settings, a fresh
# embedded database in a temporary directory, plain HTTP behind-a-proxy mode on 127.0.0.1), with
# wrk on the same 2 cores: 2 threads, 16 connections. The rate is held by wrk sending on a fixed
# schedule (bench/lua/soak-mix.lua), whatever the server's latency. After every minute it records the
# node's resident memory and its live heap (after a full collection: what the node keeps, not
# what is garbage yet). Prints a Markdown table and a verdict; exits non-zero on any failed
# request or growing memory.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/node.sh

minutes=${SOAK_MINUTES:-10}
share=${SOAK_SHARE:-70}
per_grant=${SOAK_API_PER_GRANT:-3}
threads=2; connections=16
port=${BENCH_PORT:-18070}
base="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

data=$(mktemp -d)
database=()
if [ "${BENCH_DB:-h2}" = postgres ]; then
  empty_bench_database
  database=(SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/mailgate_bench
    SPRING_DATASOURCE_USERNAME=mailgate SPRING_DATASOURCE_PASSWORD=mailgate)
fi
./mailgate prepare >/dev/null
secret="soak-bootstrap-secret-$(random_hex 16)"
# Rate limits counted, with budgets the load cannot spend (as in bench/load.sh).
MAILGATE_DATA_DIR="$data" MAILGATE_TLS_MODE=proxy SERVER_PORT=$port MAILGATE_ISSUER="$base" \
  MAILGATE_BOOTSTRAP_ADMIN_EMAIL=soak@localhost MAILGATE_BOOTSTRAP_ADMIN_PASSWORD=soak-admin-password \
  MAILGATE_BOOTSTRAP_CLIENT_ID=soak-bootstrap MAILGATE_BOOTSTRAP_CLIENT_SECRET="$secret" \
  MAILGATE_RATELIMIT_TOKENENDPOINT_QUOTA=1000000000 MAILGATE_RATELIMIT_API_QUOTA=1000000000 \
  JAVA_TOOL_OPTIONS="-Xlog:gc:file=$data/gc.log" env "${database[@]}" ./mailgate serve > "$data/mailgate.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
wait_healthy "$base" "$pid" "$data/mailgate.log"

creator=$(curl -sf -u "soak-bootstrap:$secret" -d grant_type=client_credentials -d scope=client.create \
  "$base/oauth2/token" | json_field access_token)
app=$(curl -sf -H "Authorization: Bearer $creator" -H 'Content-Type: application/json' \
  -d '{"client_name":"Soak","grant_types":["client_credentials"],"scope":"contacts.read"}' "$base/oauth2/register")
client_id=$(echo "$app" | json_field client_id)
client_secret=$(echo "$app" | json_field client_secret)
basic=$(printf '%s:%s' "$client_id" "$client_secret" | base64 -w0)
token() { curl -sf -u "$client_id:$client_secret" -d grant_type=client_credentials "$base/oauth2/token" | json_field access_token; }
[ -n "$(token)" ] || { echo "setup failed: no token" >&2; exit 1; }

mix() { # SECONDS RATE [--latency]: one wrk run of the mix (RATE 0: full speed); prints its RESULT line
  BENCH_BASIC="$basic" BENCH_TOKEN="$(token)" BENCH_API_PER_GRANT=$per_grant BENCH_RATE=$2 BENCH_THREADS=$threads \
    wrk -t$threads -c$connections -d"$1"s --timeout 5s ${3:-} -s bench/lua/soak-mix.lua "$base" 2>&1 | grep '^RESULT'
}
value() { echo "$2" | sed -E "s/.*$1=([0-9.]+).*/\1/"; }
live_heap() { # MiB left by a full collection, from the node's GC log (what it keeps, not garbage yet)
  jcmd "$pid" GC.run >/dev/null 2>&1 || true
  grep -a 'Pause Full' "$data/gc.log" | tail -n 1 | sed -nE 's/.*->([0-9]+)M.*/\1/p'
}
rss() { resident_mib "$pid"; }

echo "==> Warm-up (60 s), then the maximum (the better of two 20 s runs) on the mix: 1 client_credentials grant per $per_grant API GETs"
mix 60 0 >/dev/null
max=$(mix 20 0 --latency)
again=$(mix 20 0 --latency)
[ "$(value rps "$again")" -le "$(value rps "$max")" ] || max=$again
max_rps=$(value rps "$max")
target=$(( max_rps * share / 100 ))
echo "    maximum: $max_rps requests/s (p99 $(value p99 "$max") ms); holding $target requests/s (${share} %) for $minutes minutes"

table=$(mktemp)
failed=0
for minute in $(seq 1 "$minutes"); do
  out=$(mix 60 "$target" --latency)
  rps=$(value rps "$out")
  errors=$(( $(value non2xx "$out") + $(value socket_errors "$out") ))
  failed=$(( failed + errors ))
  echo "| $minute | $rps | $(value p50 "$out") | $(value p99 "$out") | $(value requests "$out") | $errors | $(rss) | $(live_heap) |" >> "$table"
  tail -n 1 "$table"
done

echo
echo "Mailgate $(git rev-parse --short HEAD 2>/dev/null || echo '?') on ${BENCH_DB:-h2}, $(java -version 2>&1 | head -n 1), $(nproc) cores;"
echo "maximum on the mix $max_rps requests/s; held $target requests/s ($share %) for $minutes minutes"
echo
echo "| minute | requests/s | p50 ms | p99 ms | requests | failed | resident MiB | live heap MiB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
cat "$table"

# Flat memory: after the first minute (class loading, caches filling, JIT), the live heap may not
# climb by more than 16 MiB and resident memory by more than 10 %.
# (a 1-minute run has no second minute: nothing to compare, and read finds no line)
read -r heap_first rss_first < <(sed -n 2p "$table" | awk -F'|' '{print $9, $8}') || true
read -r heap_last rss_last < <(tail -n 1 "$table" | awk -F'|' '{print $9, $8}') || true
echo
status=0
if [ "$failed" -ne 0 ]; then echo "FAIL: $failed requests failed" >&2; status=1; fi
if [ -n "$heap_first" ] && [ "$heap_last" -gt $(( heap_first + 16 )) ]; then
  echo "FAIL: the live heap grew from $heap_first to $heap_last MiB" >&2; status=1
fi
if [ -n "$rss_first" ] && [ "$rss_last" -gt $(( rss_first * 110 / 100 )) ]; then
  echo "FAIL: resident memory grew from $rss_first to $rss_last MiB" >&2; status=1
fi
if [ "$status" -eq 0 ] && [ -z "$heap_first" ]; then
  echo "PASS: 0 failed requests (one minute: no memory trend to check)"
elif [ "$status" -eq 0 ]; then
  echo "PASS: 0 failed requests; live heap $heap_first → $heap_last MiB, resident $rss_first → $rss_last MiB from minute 2 to $minutes"
fi
rm -f "$table"
exit "$status"
