#!/usr/bin/env bash
# Keycloak (Quarkus distribution, dev mode, embedded H2, plain HTTP on 127.0.0.1) as a load-benchmark
# competitor for Mailgate.
#   bench/competitors/keycloak.sh start PORT WORKDIR   start it, set up two realms, print on the LAST line:
#     KC_PID=... KC_BASE=... KC_RS256_CLIENT=... KC_RS256_SECRET=... KC_ES256_CLIENT=... KC_ES256_SECRET=...
#     KC_RS256_TOKEN_URL=... KC_ES256_TOKEN_URL=... KC_RS256_INTROSPECT_URL=... KC_ES256_INTROSPECT_URL=...
#     KC_USER=... KC_USER_PASSWORD=... KC_HEALTHY_SECONDS=...
#   (so a caller can: eval "$(bench/competitors/keycloak.sh start 18180 /tmp/kc | tail -n 1)")
#   bench/competitors/keycloak.sh stop WORKDIR          stop it
# Realm bench-rs256: default configuration (RS256). Realm bench-es256: defaultSignatureAlgorithm ES256 with
# an ecdsa-generated P-256 key provider. Each has one confidential client (client credentials, and the
# password grant for one user, bench-user, so that the load script can start sessions with refresh tokens).
# Access tokens live 1 h (not the default 5 min) so a token fetched once stays active through a long load run.
# Environment: KC_VERSION (default 26.5.6), KC_JAVA_HOME (default Temurin 25), KC_MANAGEMENT_PORT (default:
# the first free port above PORT), MAILGATE_BENCH_CACHE (default ~/.cache/mailgate-bench; the zip and the
# unpacked distribution are kept there; each start copies the distribution into WORKDIR for fresh data).
# Progress goes to stderr; the server log is WORKDIR/keycloak.log. Every wait is bounded.
set -euo pipefail

version=${KC_VERSION:-26.5.6}
java_home=${KC_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cache=${MAILGATE_BENCH_CACHE:-$HOME/.cache/mailgate-bench}

usage() { echo "usage: $0 start PORT WORKDIR | $0 stop WORKDIR" >&2; exit 2; }
log() { echo "keycloak.sh: $*" >&2; }
now() { date +%s.%N; }
port_free() { [ -z "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]; }

# Stops the process whose id is in WORKDIR/keycloak.pid, if it is a Keycloak started from that WORKDIR.
stop_server() {
  local workdir=$1 pid
  [ -f "$workdir/keycloak.pid" ] || { log "no $workdir/keycloak.pid"; return 0; }
  pid=$(cat "$workdir/keycloak.pid")
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$workdir/"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      log "pid $pid still running after 30 s, sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
    fi
    log "stopped pid $pid"
  else
    log "pid $pid is not running (or is not this WORKDIR's Keycloak)"
  fi
  rm -f "$workdir/keycloak.pid"
}

# Makes sure the unpacked distribution is in the cache; prints its path.
distribution() {
  local dir="$cache/keycloak-$version" zip="$cache/keycloak-quarkus-dist-$version.zip"
  mkdir -p "$cache"
  if [ ! -x "$dir/bin/kc.sh" ]; then
    if [ ! -f "$zip" ]; then
      log "downloading org.keycloak:keycloak-quarkus-dist:$version:zip from Maven Central"
      (cd "$cache" && mvn -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" \
        -DoutputDirectory="$cache" >&2)
    fi
    log "unpacking $zip"
    rm -rf "$cache/.unpack-$version"
    mkdir -p "$cache/.unpack-$version"
    unzip -q "$zip" -d "$cache/.unpack-$version"
    rm -rf "$dir"
    mv "$cache/.unpack-$version/keycloak-$version" "$dir"
    rm -rf "$cache/.unpack-$version"
  fi
  echo "$dir"
}

jwt_alg() {
  local h=${1%%.*}
  h=$(printf '%s' "$h" | tr '_-' '/+')
  while [ $((${#h} % 4)) -ne 0 ]; do h="$h="; done
  printf '%s' "$h" | base64 -d | jq -r .alg
}

start_server() {
  local port=$1 workdir=$2
  [[ $port =~ ^[0-9]+$ ]] || usage
  command -v jq >/dev/null || { log "jq is missing"; exit 1; }
  [ -x "$java_home/bin/java" ] || { log "no java at $java_home"; exit 1; }
  port_free "$port" || { log "port $port is in use"; exit 1; }
  mkdir -p "$workdir"
  workdir=$(cd "$workdir" && pwd)
  if [ -f "$workdir/keycloak.pid" ] && kill -0 "$(cat "$workdir/keycloak.pid")" 2>/dev/null; then
    log "already running in $workdir (pid $(cat "$workdir/keycloak.pid")); stop it first"; exit 1
  fi

  local mgmt=${KC_MANAGEMENT_PORT:-}
  if [ -z "$mgmt" ]; then
    for p in $(seq $((port + 1)) $((port + 50))); do
      if port_free "$p"; then mgmt=$p; break; fi
    done
    [ -n "$mgmt" ] || { log "no free management port above $port"; exit 1; }
  fi

  local dist kc
  dist=$(distribution)
  kc="$workdir/keycloak-$version"
  rm -rf "$kc"
  cp -a "$dist" "$kc"   # fresh copy: fresh embedded database, and the cache stays pristine

  local admin_user=bench-admin admin_pass
  admin_pass=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
  local base="http://127.0.0.1:$port"
  log "starting Keycloak $version on $base (management port $mgmt), log $workdir/keycloak.log"
  local t0 pid
  t0=$(now)
  JAVA_HOME="$java_home" KC_BOOTSTRAP_ADMIN_USERNAME="$admin_user" KC_BOOTSTRAP_ADMIN_PASSWORD="$admin_pass" \
    "$kc/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$port" --http-management-port="$mgmt" \
    --health-enabled=true < /dev/null > "$workdir/keycloak.log" 2>&1 &
  pid=$!
  echo "$pid" > "$workdir/keycloak.pid"
  local ok=0
  trap 'if [ "$ok" = 0 ]; then log "failed; stopping"; stop_server "$workdir"; fi' EXIT

  local healthy=""
  for _ in $(seq 1 900); do   # at most ~180 s
    if [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$base/realms/master" || true)" = 200 ]; then
      healthy=$(now); break
    fi
    kill -0 "$pid" 2>/dev/null || { log "Keycloak exited"; tail -n 30 "$workdir/keycloak.log" >&2; exit 1; }
    sleep 0.2
  done
  [ -n "$healthy" ] || { log "not healthy after 180 s"; tail -n 30 "$workdir/keycloak.log" >&2; exit 1; }
  local secs
  secs=$(awk -v a="$t0" -v b="$healthy" 'BEGIN { printf "%.1f", b - a }')
  log "healthy after $secs s"

  local admin_token=""
  admin_token_refresh() {
    admin_token=$(curl -sf -m 10 -d grant_type=password -d client_id=admin-cli \
      --data-urlencode "username=$admin_user" --data-urlencode "password=$admin_pass" \
      "$base/realms/master/protocol/openid-connect/token" | jq -r .access_token)
    [ -n "$admin_token" ] && [ "$admin_token" != null ] || { log "could not get an admin token"; exit 1; }
  }
  api() {   # api METHOD PATH [JSON]
    if [ $# -ge 3 ]; then
      curl -sf -m 20 -X "$1" -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
        -d "$3" "$base/admin/realms$2"
    else
      curl -sf -m 20 -X "$1" -H "Authorization: Bearer $admin_token" "$base/admin/realms$2"
    fi
  }

  # setup_realm REALM ALG -> sets client_secret
  local client_secret user=bench-user user_password
  user_password="bench-user-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  setup_realm() {
    local realm=$1 alg=$2 client=bench-client secret realm_id cid
    admin_token_refresh
    if [ "$alg" = ES256 ]; then
      api POST "" "{\"realm\":\"$realm\",\"enabled\":true,\"accessTokenLifespan\":3600,\"defaultSignatureAlgorithm\":\"ES256\"}" >/dev/null
      # New realms get rsa/hmac/aes key providers only; add an ECDSA P-256 one for ES256.
      if ! api GET "/$realm/keys" | jq -e '.keys[] | select(.algorithm == "ES256" and .status == "ACTIVE")' >/dev/null; then
        realm_id=$(api GET "/$realm" | jq -r .id)
        api POST "/$realm/components" "{\"name\":\"ecdsa-generated\",\"providerId\":\"ecdsa-generated\",
          \"providerType\":\"org.keycloak.keys.KeyProvider\",\"parentId\":\"$realm_id\",
          \"config\":{\"priority\":[\"200\"],\"enabled\":[\"true\"],\"active\":[\"true\"],
          \"ecdsaEllipticCurveKey\":[\"P-256\"]}}" >/dev/null
      fi
    else
      api POST "" "{\"realm\":\"$realm\",\"enabled\":true,\"accessTokenLifespan\":3600}" >/dev/null
    fi
    secret="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    api POST "/$realm/clients" "{\"clientId\":\"$client\",\"enabled\":true,\"protocol\":\"openid-connect\",
      \"publicClient\":false,\"serviceAccountsEnabled\":true,\"standardFlowEnabled\":false,
      \"directAccessGrantsEnabled\":true,\"implicitFlowEnabled\":false,
      \"clientAuthenticatorType\":\"client-secret\",\"secret\":\"$secret\"}" >/dev/null
    cid=$(api GET "/$realm/clients?clientId=$client" | jq -r '.[0].id')
    client_secret=$(api GET "/$realm/clients/$cid/client-secret" | jq -r .value)
    [ -n "$client_secret" ] && [ "$client_secret" != null ] || { log "no secret for $client in $realm"; exit 1; }

    # A user whose sessions give the load script refresh tokens (password grant, setup only).
    api POST "/$realm/users" "{\"username\":\"$user\",\"enabled\":true,\"emailVerified\":true,
      \"email\":\"$user@example.com\",\"firstName\":\"Bench\",\"lastName\":\"User\",
      \"credentials\":[{\"type\":\"password\",\"value\":\"$user_password\",\"temporary\":false}]}" >/dev/null
    local refresh
    refresh=$(curl -sf -m 10 -u "$client:$client_secret" -d grant_type=password --data-urlencode "username=$user" \
      --data-urlencode "password=$user_password" "$base/realms/$realm/protocol/openid-connect/token" | jq -r .refresh_token)
    [ -n "$refresh" ] && [ "$refresh" != null ] || { log "$realm: no refresh token for $user"; exit 1; }

    # Verify: client_credentials token signed with ALG, and introspection says active.
    local token_url="$base/realms/$realm/protocol/openid-connect/token" token got active
    token=$(curl -sf -m 10 -u "$client:$client_secret" -d grant_type=client_credentials "$token_url" | jq -r .access_token)
    got=$(jwt_alg "$token")
    [ "$got" = "$alg" ] || { log "$realm: token alg is $got, expected $alg"; exit 1; }
    active=$(curl -sf -m 10 -u "$client:$client_secret" -d "token=$token" "$token_url/introspect" | jq -r .active)
    [ "$active" = true ] || { log "$realm: introspection active=$active"; exit 1; }
    log "$realm: client_credentials token alg $got, introspection active"
  }

  setup_realm bench-rs256 RS256
  local rs_secret=$client_secret
  setup_realm bench-es256 ES256
  local es_secret=$client_secret

  ok=1
  trap - EXIT
  local rs="$base/realms/bench-rs256/protocol/openid-connect/token"
  local es="$base/realms/bench-es256/protocol/openid-connect/token"
  printf 'KC_PID=%q KC_BASE=%q KC_RS256_CLIENT=%q KC_RS256_SECRET=%q KC_ES256_CLIENT=%q KC_ES256_SECRET=%q' \
    "$pid" "$base" bench-client "$rs_secret" bench-client "$es_secret"
  printf ' KC_RS256_TOKEN_URL=%q KC_ES256_TOKEN_URL=%q KC_RS256_INTROSPECT_URL=%q KC_ES256_INTROSPECT_URL=%q' \
    "$rs" "$es" "$rs/introspect" "$es/introspect"
  printf ' KC_USER=%q KC_USER_PASSWORD=%q KC_HEALTHY_SECONDS=%q\n' "$user" "$user_password" "$secs"
}

case "${1:-}" in
  start) [ $# -eq 3 ] || usage; start_server "$2" "$3" ;;
  stop) [ $# -eq 2 ] || usage; [ -d "$2" ] || { log "no such directory $2"; exit 1; }; stop_server "$(cd "$2" && pwd)" ;;
  *) usage ;;
esac
