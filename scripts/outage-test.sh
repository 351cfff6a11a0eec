#!/usr/bin/env bash
# Outage test (docs/operations.md, "Outages"): a Mailgate node on a PostgreSQL cluster of its own
# (a temporary data directory on port OUTAGE_PG_PORT, default 5434, never the shared one on 5432),
# under load from wrk (client_credentials and an API GET, alternating), with PostgreSQL stopped for
# 10 s in the middle. It passes when
#   - every answer is 200 or 503 with Retry-After (no 500, no other status, no socket error),
#   - no request took longer than 5 s,
#   - within 5 s of PostgreSQL's restart a token request succeeds again.
# Prints a short report and exits non-zero on failure. About a minute, plus a build when needed.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_port=${OUTAGE_PG_PORT:-5434}
port=${OUTAGE_PORT:-18090}
base="http://127.0.0.1:$port"
before=5 outage=10 after=10
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pg_bin" ] || { echo "PostgreSQL is missing: apt-get install postgresql" >&2; exit 1; }

work=$(mktemp -d)
chmod 755 "$work"
# PostgreSQL refuses to run as root: as root, its cluster belongs to the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg"
pg_ctl() { as_pg "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w "$@" >/dev/null; }
pid=""
cleanup() {
  [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  as_pg "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  if [ -n "${OUTAGE_KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

as_pg "$pg_bin/initdb" -D "$work/pg" -U mailgate --auth=trust -E UTF8 >/dev/null
pg_ctl -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1" start
as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U mailgate mailgate

./mailgate prepare >/dev/null
secret="outage-secret-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
MAILGATE_DATA_DIR="$work/data" MAILGATE_TLS_MODE=proxy SERVER_PORT=$port MAILGATE_ISSUER="$base" \
  MAILGATE_BOOTSTRAP_ADMIN_EMAIL=outage@localhost MAILGATE_BOOTSTRAP_ADMIN_PASSWORD=outage-admin-password \
  MAILGATE_BOOTSTRAP_CLIENT_ID=outage-test MAILGATE_BOOTSTRAP_CLIENT_SECRET="$secret" \
  MAILGATE_RATELIMIT_TOKENENDPOINT_QUOTA=1000000000 MAILGATE_RATELIMIT_API_QUOTA=1000000000 \
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$pg_port/mailgate?connectTimeout=2&socketTimeout=10&tcpKeepAlive=true" \
  SPRING_DATASOURCE_USERNAME=mailgate SPRING_DATASOURCE_PASSWORD=unused \
  ./mailgate serve > "$work/mailgate.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  curl -sf "$base/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/mailgate.log"; exit 1; }
  sleep 0.1
done

token_request() { curl -s -m 10 -u "outage-test:$secret" -d grant_type=client_credentials -d scope=contacts.read "$@" "$base/oauth2/token"; }
export OUTAGE_BASIC=$(printf '%s' "outage-test:$secret" | base64 -w0)
export OUTAGE_TOKEN=$(token_request | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$OUTAGE_TOKEN" ] || { echo "setup failed: no token" >&2; tail -50 "$work/mailgate.log"; exit 1; }

# A probe beside the load: one token request every 100 ms, with when it was answered and how.
( end=$(( $(date +%s) + before + outage + after + 2 ))
  while [ "$(date +%s)" -lt "$end" ]; do
    status=$(token_request -o /dev/null -w '%{http_code}' || true)
    echo "$(date +%s.%N) $status"
    sleep 0.1
  done ) > "$work/probe.txt" &
probe=$!

wrk -t2 -c16 -d$((before + outage + after))s --timeout 5s -s scripts/outage-mix.lua "$base" > "$work/wrk.txt" 2>&1 &
load=$!
sleep "$before"
pg_ctl -m fast stop
stopped=$(date +%s.%N)
sleep "$outage"
during=$(curl -s -m 10 -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $OUTAGE_TOKEN" "$base/api/v1/contacts")
readiness=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$base/actuator/health/readiness")
liveness=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$base/actuator/health/liveness")
pg_ctl -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1" start
restarted=$(date +%s.%N)
wait "$load" || true
wait "$probe" || true

value() { sed -n "s/^$1 //p" "$work/wrk.txt"; }
statuses=$(value statuses)
count() { echo "$statuses" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1; }
ok=$(count 200); ok=${ok:-0}
unavailable=$(count 503); unavailable=${unavailable:-0}
total=$(value requests); socket_errors=$(value socket_errors); max_ms=$(value max_latency_ms)
others=$(( total - ok - unavailable ))
recovered=$(awk -v t="$restarted" '$1 >= t && $2 == 200 { printf "%.1f", $1 - t; exit }' "$work/probe.txt")
outage_answers=$(awk -v a="$stopped" -v b="$restarted" '$1 >= a && $1 < b { n++ } END { print n + 0 }' "$work/probe.txt")

echo "==> Outage test: PostgreSQL (port $pg_port) stopped for ${outage}s under wrk load (2 threads, 16 connections)"
echo "    requests          $total (200: $ok, 503 with Retry-After: $unavailable, anything else: $others)"
echo "    statuses          $statuses"
echo "    socket errors     $socket_errors ($(value error_kinds); timeout: no answer within 5 s)"
echo "    slowest answer    ${max_ms} ms"
echo "    during the outage API GET: ${during% *} in ${during#* } s, readiness: $readiness, liveness: $liveness, probe answers: $outage_answers"
echo "    back after        ${recovered:-never} s (first 200 to a token request after PostgreSQL's restart)"

failed=0
fail() { echo "FAILED: $*" >&2; failed=1; }
[ "$others" -eq 0 ] || fail "$others answers were neither 200 nor 503 with Retry-After"
[ "${socket_errors:-1}" -eq 0 ] || fail "$socket_errors requests got no answer within 5 s or lost their connection"
[ "${max_ms:-99999}" -lt 5000 ] || fail "a request took ${max_ms} ms"
[ "$unavailable" -gt 0 ] || fail "no 503 during the outage: was PostgreSQL really stopped?"
[ "${during% *}" = 503 ] || fail "an API GET during the outage got ${during% *}"
[ "$readiness" = 503 ] || fail "readiness answered $readiness during the outage (expected 503)"
[ "$liveness" = 200 ] || fail "liveness answered $liveness during the outage (expected 200)"
[ -n "$recovered" ] && awk -v r="$recovered" 'BEGIN { exit !(r <= 5) }' || fail "no success within 5 s of PostgreSQL's restart"
if grep -q ' 500 \|Exception' "$work/mailgate.log" && grep -q 'ERROR' "$work/mailgate.log"; then
  echo "    (Mailgate logged errors; the last ones:)"; grep -A2 'ERROR' "$work/mailgate.log" | tail -n 12
fi
[ "$failed" -eq 0 ] && echo "==> Outage test passed"
exit "$failed"
