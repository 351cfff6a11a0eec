#!/usr/bin/env bash
# Load test of Mailgate's hot paths with wrk (Debian package wrk), on this machine only.
#   bench/load.sh            full run: 10 s warm-up, then 20 s per case, each case twice
#   bench/load.sh --short    a few seconds per case (what CI runs to keep this script working)
#   BENCH_ONLY=introspection bench/load.sh    only the cases whose name contains that text
# Starts its own Mailgate (plain HTTP behind-a-proxy mode on 127.0.0.1, fresh embedded database),
# registers an app, and measures: client_credentials grant, introspection, an API GET with an
# opaque token, and an unauthenticated endpoint of the same application (the stack's own limit).
# Prints a Markdown table; every loop is bounded in time and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=20; warmup=10; rounds=2
if [ "${1:-}" = "--short" ]; then duration=3; warmup=1; rounds=1; fi
threads=2; connections=16
port=${BENCH_PORT:-18080}
base="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

data=$(mktemp -d)
[ -f target/mailgate.jar ] || ./mvnw -q -B -DskipTests -Dspring-javaformat.skip=true package
admin_secret="bench-bootstrap-secret-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
started=$(date +%s.%N)
MAILGATE_DATA_DIR="$data" MAILGATE_TLS_MODE=proxy SERVER_PORT=$port MAILGATE_ISSUER="$base" \
  MAILGATE_BOOTSTRAP_ADMIN_EMAIL=bench@localhost MAILGATE_BOOTSTRAP_ADMIN_PASSWORD=bench-admin-password \
  MAILGATE_BOOTSTRAP_CLIENT_ID=bench-bootstrap MAILGATE_BOOTSTRAP_CLIENT_SECRET="$admin_secret" \
  java ${BENCH_JAVA_OPTS:-} -jar target/mailgate.jar > "$data/mailgate.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 1 600); do
  curl -sf "$base/actuator/health" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { cat "$data/mailgate.log"; exit 1; }
  sleep 0.1
done
healthy=$(echo "$(date +%s.%N) - $started" | bc)

field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
basic() { printf '%s:%s' "$1" "$2" | base64 -w0; }

creator=$(curl -sf -u "bench-bootstrap:$admin_secret" -d grant_type=client_credentials -d scope=client.create \
  "$base/oauth2/token" | field access_token)
app=$(curl -sf -H "Authorization: Bearer $creator" -H 'Content-Type: application/json' \
  -d '{"client_name":"Bench","grant_types":["client_credentials"],"scope":"contacts.read"}' "$base/oauth2/register")
client_id=$(echo "$app" | field client_id)
client_secret=$(echo "$app" | field client_secret)
token=$(curl -sf -u "$client_id:$client_secret" -d grant_type=client_credentials "$base/oauth2/token" | field access_token)
[ -n "$token" ] || { echo "setup failed: no token" >&2; exit 1; }

run() { # name, path, lua, env...
  local name=$1 path=$2 script=$3; shift 3
  case "$name" in *"${BENCH_ONLY:-}"*) ;; *) return 0 ;; esac
  env "$@" wrk -t$threads -c$connections -d${warmup}s -s "bench/lua/$script" "$base$path" >/dev/null 2>&1 || true
  for round in $(seq 1 $rounds); do
    local out
    out=$(env "$@" wrk -t$threads -c$connections -d${duration}s --latency -s "bench/lua/$script" "$base$path" 2>&1 \
      | grep '^RESULT' || true)
    [ -n "$out" ] || { echo "wrk produced no result for $name" >&2; exit 1; }
    echo "$name|$round|$out"
  done
}

results=$(mktemp)
{
  run "client_credentials grant" /oauth2/token form-post.lua BENCH_BODY="grant_type=client_credentials&scope=contacts.read" BENCH_BASIC="$(basic "$client_id" "$client_secret")"
  run "introspection" /oauth2/introspect form-post.lua BENCH_BODY="token=$token" BENCH_BASIC="$(basic "$client_id" "$client_secret")"
  run "API GET /api/v1/me (opaque token)" /api/v1/me bearer-get.lua BENCH_TOKEN="$token"
  run "unauthenticated GET (baseline)" /.well-known/oauth-protected-resource bearer-get.lua BENCH_TOKEN=none
} > "$results"
rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)

echo "Mailgate $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(java -version 2>&1 | head -n 1), wrk -t$threads -c$connections, ${duration}s per run after ${warmup}s warm-up, $(nproc) cores"
echo "Launch to healthy: ${healthy}s; resident memory after the load: ${rss} MiB"
echo
echo "| case | run | requests/s | p50 ms | p99 ms | non-2xx |"
echo "|---|---|---:|---:|---:|---:|"
while IFS='|' read -r name round out; do
  rps=$(echo "$out" | sed -E 's/.*rps=([0-9]+).*/\1/')
  p50=$(echo "$out" | sed -E 's/.*p50=([0-9.]+).*/\1/')
  p99=$(echo "$out" | sed -E 's/.*p99=([0-9.]+).*/\1/')
  non2xx=$(echo "$out" | sed -E 's/.*non2xx=([0-9]+).*/\1/')
  echo "| $name | $round | $rps | $p50 | $p99 | $non2xx |"
done < "$results"
rm -f "$results"
exit 0
