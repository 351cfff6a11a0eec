#!/usr/bin/env bash
# node-oidc-provider 9 (bench/competitors/oidc-provider/server.mjs: client_credentials + introspection,
# opaque access tokens, in-memory adapter, plain HTTP on 127.0.0.1) as a load-benchmark competitor.
#   bench/competitors/oidc-provider.sh start PORT WORKDIR   start it, verify it, print on the LAST line:
#     OP_PID=... OP_BASE=... OP_CLIENT=... OP_SECRET=... OP_TOKEN_URL=... OP_INTROSPECT_URL=... OP_HEALTHY_SECONDS=...
#   (so a caller can: eval "$(bench/competitors/oidc-provider.sh start 18280 /tmp/op | tail -n 1)")
#   bench/competitors/oidc-provider.sh stop WORKDIR          stop it
# The client uses client_secret_basic and may ask for scope "api" (or no scope). node_modules is installed
# once next to server.mjs (npm install) and reused. Progress goes to stderr; the server log is
# WORKDIR/oidc-provider.log. Every wait is bounded.
set -euo pipefail

here=$(cd "$(dirname "$0")/oidc-provider" && pwd)

usage() { echo "usage: $0 start PORT WORKDIR | $0 stop WORKDIR" >&2; exit 2; }
log() { echo "oidc-provider.sh: $*" >&2; }
now() { date +%s.%N; }
port_free() { [ -z "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]; }

stop_server() {
  local workdir=$1 pid
  [ -f "$workdir/oidc-provider.pid" ] || { log "no $workdir/oidc-provider.pid"; return 0; }
  pid=$(cat "$workdir/oidc-provider.pid")
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$here/server.mjs"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      log "pid $pid still running after 10 s, sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.2
    fi
    log "stopped pid $pid"
  else
    log "pid $pid is not running (or is not oidc-provider)"
  fi
  rm -f "$workdir/oidc-provider.pid"
}

start_server() {
  local port=$1 workdir=$2
  [[ $port =~ ^[0-9]+$ ]] || usage
  command -v node >/dev/null || { log "node is missing"; exit 1; }
  command -v jq >/dev/null || { log "jq is missing"; exit 1; }
  port_free "$port" || { log "port $port is in use"; exit 1; }
  mkdir -p "$workdir"
  workdir=$(cd "$workdir" && pwd)
  if [ -f "$workdir/oidc-provider.pid" ] && kill -0 "$(cat "$workdir/oidc-provider.pid")" 2>/dev/null; then
    log "already running in $workdir (pid $(cat "$workdir/oidc-provider.pid")); stop it first"; exit 1
  fi
  if [ ! -f "$here/node_modules/oidc-provider/package.json" ]; then
    log "npm install in $here"
    (cd "$here" && timeout 300 npm install --no-audit --no-fund >&2)
  fi
  local version
  version=$(jq -r .version "$here/node_modules/oidc-provider/package.json")

  local base="http://127.0.0.1:$port" client=bench-client secret
  secret="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  log "starting oidc-provider $version (node $(node --version)) on $base, log $workdir/oidc-provider.log"
  local t0 pid
  t0=$(now)
  OP_PORT="$port" OP_CLIENT_ID="$client" OP_CLIENT_SECRET="$secret" NODE_ENV=production \
    node "$here/server.mjs" < /dev/null > "$workdir/oidc-provider.log" 2>&1 &
  pid=$!
  echo "$pid" > "$workdir/oidc-provider.pid"
  local ok=0
  trap 'if [ "$ok" = 0 ]; then log "failed; stopping"; stop_server "$workdir"; fi' EXIT

  local healthy=""
  for _ in $(seq 1 600); do   # at most ~60 s
    if [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$base/.well-known/openid-configuration" || true)" = 200 ]; then
      healthy=$(now); break
    fi
    kill -0 "$pid" 2>/dev/null || { log "node exited"; tail -n 30 "$workdir/oidc-provider.log" >&2; exit 1; }
    sleep 0.05
  done
  [ -n "$healthy" ] || { log "not healthy after 60 s"; tail -n 30 "$workdir/oidc-provider.log" >&2; exit 1; }
  local secs
  secs=$(awk -v a="$t0" -v b="$healthy" 'BEGIN { printf "%.2f", b - a }')
  log "healthy after $secs s"

  local discovery token_url introspect_url response token active
  discovery=$(curl -sf -m 10 "$base/.well-known/openid-configuration")
  token_url=$(echo "$discovery" | jq -r .token_endpoint)
  introspect_url=$(echo "$discovery" | jq -r .introspection_endpoint)
  [ "$token_url" = "$base/token" ] && [ "$introspect_url" = "$base/token/introspection" ] \
    || { log "unexpected endpoints $token_url $introspect_url"; exit 1; }
  # Verify: client_credentials with Basic auth gives an opaque (non-JWT) token, introspection says active.
  response=$(curl -sf -m 10 -u "$client:$secret" -d grant_type=client_credentials -d scope=api "$token_url")
  token=$(echo "$response" | jq -r .access_token)
  [ -n "$token" ] && [ "$token" != null ] || { log "no access token: $response"; exit 1; }
  [[ $token != *.*.* ]] || { log "access token looks like a JWT, expected opaque"; exit 1; }
  active=$(curl -sf -m 10 -u "$client:$secret" -d "token=$token" "$introspect_url" | jq -r .active)
  [ "$active" = true ] || { log "introspection active=$active"; exit 1; }
  log "client_credentials: opaque token (${#token} chars, scope $(echo "$response" | jq -r .scope)), introspection active"

  ok=1
  trap - EXIT
  printf 'OP_PID=%q OP_BASE=%q OP_CLIENT=%q OP_SECRET=%q OP_TOKEN_URL=%q OP_INTROSPECT_URL=%q OP_HEALTHY_SECONDS=%q\n' \
    "$pid" "$base" "$client" "$secret" "$token_url" "$introspect_url" "$secs"
}

case "${1:-}" in
  start) [ $# -eq 3 ] || usage; start_server "$2" "$3" ;;
  stop) [ $# -eq 2 ] || usage; [ -d "$2" ] || { log "no such directory $2"; exit 1; }; stop_server "$(cd "$2" && pwd)" ;;
  *) usage ;;
esac
