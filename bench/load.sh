#!/usr/bin/env bash
# Load test of Mailgate's hot paths with wrk (Debian package wrk), on this machine only.
#   bench/load.sh            full run: 10 s warm-up, then 20 s per case, each case twice
#   bench/load.sh --short    a few seconds per case (what CI runs to keep this script working)
#   bench/load.sh --compare  the full run, side by side with Keycloak 26 (RS256 and ES256 realms) and
#                            node oidc-provider 9, all on plain HTTP on 127.0.0.1 (bench/competitors/)
#   BENCH_ONLY=introspection bench/load.sh    only the cases whose name contains that text
#   BENCH_ONLY='/api/v1/me|baseline' ...     or any of several texts
#   BENCH_IDLE_SECONDS=5 bench/load.sh        how long after the load resident memory is read again (30 s)
#   BENCH_ROUNDS=4 bench/load.sh              each case four times instead of two (a case run alone is warm from run 3)
#   BENCH_TLS=1 bench/load.sh                  Mailgate over its default HTTPS (self-signed) instead
#   BENCH_DB=postgres bench/load.sh            Mailgate on PostgreSQL (127.0.0.1:5432, database mailgate_bench,
#                                              role mailgate, as .ci/services sets up; emptied first)
# Starts its own Mailgate (plain HTTP behind-a-proxy mode on 127.0.0.1, fresh embedded database,
# rate limits counted but with budgets the load cannot spend),
# registers apps, and measures: client_credentials grant, authorization_code exchange (codes
# prepared right before), refresh grant (each request with a fresh refresh token), introspection,
# an API GET with an opaque token, and an unauthenticated endpoint of the same application (the
# stack's own limit).
# Prints a Markdown table; every loop is bounded in time and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/node.sh

duration=20; warmup=10; rounds=${BENCH_ROUNDS:-2}; compare=0
idle=${BENCH_IDLE_SECONDS:-30}  # resident memory is read at the end of the load and this long after
if [ "${1:-}" = "--short" ]; then duration=3; warmup=1; rounds=1; fi
if [ "${1:-}" = "--compare" ]; then compare=1; fi
threads=2; connections=16
port=${BENCH_PORT:-18080}
scheme=http; tls_mode=proxy
if [ "${BENCH_TLS:-}" = 1 ]; then scheme=https; tls_mode=self-signed; fi
base="$scheme://127.0.0.1:$port"
curl() { command curl -k "$@"; }  # Mailgate's own self-signed certificate when BENCH_TLS=1
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

data=$(mktemp -d)
database=()
if [ "${BENCH_DB:-h2}" = postgres ]; then
  empty_bench_database
  database=(SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/mailgate_bench
    SPRING_DATASOURCE_USERNAME=mailgate SPRING_DATASOURCE_PASSWORD=mailgate)
fi
# Tracking (issue 8): its cases sign links with a key they put in the database themselves, so the
# embedded H2 also lets a second process in (AUTO_SERVER: the server's own connections stay embedded;
# H2 refuses it together with DB_CLOSE_ON_EXIT=FALSE, which only matters at shutdown).
if [ "${BENCH_DB:-h2}" != postgres ]; then
  database=("SPRING_DATASOURCE_URL=jdbc:h2:file:$data/db/mailgate;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;CACHE_SIZE=32768;AUTO_SERVER=TRUE")
fi
./mailgate prepare >/dev/null  # builds when needed, prepares class data sharing: what ./mailgate starts
# One app asks for thousands of tokens and API calls a second: the rate limits stay in place (every
# request is counted) but with budgets it cannot spend, so that nothing is refused.
rate_limit=1000000000
admin_secret="bench-bootstrap-secret-$(random_hex 16)"
started=$(date +%s.%N)
MAILGATE_DATA_DIR="$data" MAILGATE_TLS_MODE=$tls_mode SERVER_PORT=$port MAILGATE_ISSUER="$base" \
  MAILGATE_BOOTSTRAP_ADMIN_EMAIL=bench@localhost MAILGATE_BOOTSTRAP_ADMIN_PASSWORD=bench-admin-password \
  MAILGATE_BOOTSTRAP_CLIENT_ID=bench-bootstrap MAILGATE_BOOTSTRAP_CLIENT_SECRET="$admin_secret" \
  MAILGATE_RATELIMIT_TOKENENDPOINT_QUOTA=$rate_limit MAILGATE_RATELIMIT_API_QUOTA=$rate_limit \
  env "${database[@]}" ${BENCH_JAVA_OPTS:+"JAVA_OPTS=$BENCH_JAVA_OPTS"} ./mailgate serve > "$data/mailgate.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ "$compare" = 1 ]; then
    bench/competitors/keycloak.sh stop "$data/keycloak" >/dev/null 2>&1 || true
    bench/competitors/oidc-provider.sh stop "$data/oidc-provider" >/dev/null 2>&1 || true
  fi
  [ -z "${BENCH_KEEP_LOG:-}" ] || cp "$data/mailgate.log" "$BENCH_KEEP_LOG" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
wait_healthy "$base" "$pid" "$data/mailgate.log"
healthy=$(echo "$(date +%s.%N) - $started" | bc)

basic() { printf '%s:%s' "$1" "$2" | base64 -w0; }

creator=$(curl -sf -u "bench-bootstrap:$admin_secret" -d grant_type=client_credentials -d scope=client.create \
  "$base/oauth2/token" | json_field access_token)
app=$(curl -sf -H "Authorization: Bearer $creator" -H 'Content-Type: application/json' \
  -d '{"client_name":"Bench","grant_types":["client_credentials"],"scope":"contacts.read"}' "$base/oauth2/register")
client_id=$(echo "$app" | json_field client_id)
client_secret=$(echo "$app" | json_field client_secret)
token=$(curl -sf -u "$client_id:$client_secret" -d grant_type=client_credentials "$base/oauth2/token" | json_field access_token)
[ -n "$token" ] || { echo "setup failed: no token" >&2; exit 1; }

# The contacts API: an app with both contacts scopes, and one contact to read.
crm=$(curl -sf -H "Authorization: Bearer $creator" -H 'Content-Type: application/json' \
  -d '{"client_name":"Bench CRM","grant_types":["client_credentials"],"scope":"contacts.read contacts.write"}' \
  "$base/oauth2/register")
crm_id=$(echo "$crm" | json_field client_id)
crm_secret=$(echo "$crm" | json_field client_secret)
# Access tokens live 15 minutes and a full run is longer: each round starts with fresh ones.
fresh_tokens() {
  token=$(curl -sf -u "$client_id:$client_secret" -d grant_type=client_credentials "$base/oauth2/token" | json_field access_token)
  crm_token=$(curl -sf -u "$crm_id:$crm_secret" -d grant_type=client_credentials -d "scope=contacts.read contacts.write" "$base/oauth2/token" | json_field access_token)
}
fresh_tokens
contact_id=$(curl -s -X PUT -H "Authorization: Bearer $crm_token" -H 'Content-Type: application/json' \
  -d '{"first_name":"Ada","last_name":"Lovelace","tags":["bench"]}' "$base/api/v1/contacts/ada@example.com" | json_field id)
[ -n "$contact_id" ] || { echo "setup failed: no contact" >&2; exit 1; }

# Tracking (issue 8): a sent campaign to Ada (plain SQL: the bench has no SMTP server to send through),
# and the link-signing key, so that the script signs the open pixel and a click like the send job does
# (TrackingLinks: HMAC-SHA256 of "kind|campaign|contact|url", 16 bytes, base64url).
link_key=$(random_hex 32)
campaign_id=$(cat /proc/sys/kernel/random/uuid)
if [ "${BENCH_DB:-h2}" = postgres ]; then
  tracking_sql() { bench_psql -c "$1"; }
  key_literal="decode('$link_key', 'hex')"
else
  h2_jar=$(ls target/run/lib/h2-*.jar 2>/dev/null | head -n 1)
  [ -n "$h2_jar" ] || h2_jar=$(ls ~/.m2/repository/com/h2database/h2/*/h2-*.jar | tail -n 1)
  tracking_sql() { java -cp "$h2_jar" org.h2.tools.Shell -url "jdbc:h2:file:$data/db/mailgate;AUTO_SERVER=TRUE" \
    -user mailgate -password "" -sql "$1" >/dev/null; }
  key_literal="X'$link_key'"
fi
tracking_sql "insert into campaigns_link_key (id, secret, created_at) values (1, $key_literal, current_timestamp);
  insert into campaigns_campaigns (id, workspace_id, name, subject, status, sent_at, archive_slug, created_at, updated_at)
  select '$campaign_id', workspace_id, 'Bench', 'Bench', 'SENT', current_timestamp, 'bench-$campaign_id', current_timestamp,
    current_timestamp from contacts_contacts where id = '$contact_id';
  insert into campaigns_recipients (campaign_id, contact_id, email, status) values ('$campaign_id', '$contact_id', 'ada@example.com', 'SENT')"
link_signature() { # KIND URL
  printf '%s|%s|%s|%s' "$1" "$campaign_id" "$contact_id" "$2" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$link_key" -binary \
    | head -c 16 | base64 -w0 | tr '+/' '-_' | tr -d '='
}
open_url="$base/t/o/$campaign_id/$contact_id/$(link_signature o '')"
click_target="https://bakery.example/bread?size=large"
click_url="$base/t/c/$campaign_id/$contact_id/$(link_signature c "$click_target")?u=https://bakery.example/bread%3Fsize%3Dlarge"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$open_url")" = 200 ] || { echo "setup failed: the open pixel" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{redirect_url}' "$click_url")" = "$click_target" ] || { echo "setup failed: the click" >&2; exit 1; }

# The authorization code flow: a web app, and a person who signed in and consented once, so
# that the authorization endpoint answers every further request with a code at once.
redirect=http://127.0.0.1:9/callback
verifier="bench-pkce-verifier-$(random_hex 24)"
challenge=$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | base64 -w0 | tr '+/' '-_' | tr -d '=')
web=$(curl -sf -H "Authorization: Bearer $creator" -H 'Content-Type: application/json' \
  -d "{\"client_name\":\"Bench web app\",\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"response_types\":[\"code\"],\"redirect_uris\":[\"$redirect\"],\"scope\":\"contacts.read\"}" \
  "$base/oauth2/register")
web_id=$(echo "$web" | json_field client_id)
web_secret=$(echo "$web" | json_field client_secret)
authorize="$base/oauth2/authorize?response_type=code&client_id=$web_id&redirect_uri=$redirect&scope=contacts.read&code_challenge=$challenge&code_challenge_method=S256"
cookies="$data/cookies"
csrf=$(curl -sf -c "$cookies" -b "$cookies" "$base/login" | hidden_field _csrf)
curl -sf -o /dev/null -c "$cookies" -b "$cookies" -d email=bench@localhost -d password=bench-admin-password \
  --data-urlencode "_csrf=$csrf" "$base/login"
consent=$(curl -sf -L -c "$cookies" -b "$cookies" "$authorize&state=consent")
curl -sf -o /dev/null -c "$cookies" -b "$cookies" -d "client_id=$web_id" -d scope=contacts.read \
  --data-urlencode "state=$(echo "$consent" | hidden_field state)" --data-urlencode "_csrf=$(echo "$consent" | hidden_field _csrf)" \
  "$base/oauth2/authorize"
session=$(awk '$6 == "__Host-mailgate-session" {print $6 "=" $7}' "$cookies")
code_of() { curl -s -o /dev/null -w '%{redirect_url}' -H "Cookie: $session" "$authorize&state=$1" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p'; }
[ -n "$(code_of check)" ] || { echo "setup failed: no authorization code" >&2; exit 1; }

# Codes for the exchange case: wrk asks the authorization endpoint for twice as long as the run
# and 5 s more, writing the codes to one file per wrk thread (a warm exchange can outpace the
# endpoint that prepares its codes by half). Codes live 60 s, so they are prepared right before
# each run; used oldest first, they are exchanged within 60 s unless the exchange runs at under a
# quarter of the rate that prepared them.
prepare_codes() {
  rm -rf "$data/codes"; mkdir -p "$data/codes"
  BENCH_COOKIE="$session" BENCH_CODES="$data/codes" wrk -t$threads -c$connections -d$(( $1 * 2 + 5 ))s \
    -s bench/lua/authorize.lua "$authorize&state=bench" >/dev/null 2>&1
}
# Refresh tokens of separate grants for the refresh case, dealt to the wrk threads' files.
split_tokens() { # DIR: reads tokens on stdin
  rm -rf "$1"; mkdir -p "$1"
  local i=0 t
  while read -r t; do [ -n "$t" ] && echo "$t" >> "$1/$(( i++ % threads + 1 )).txt"; done
}
prepare_refresh() {
  for i in $(seq 1 $(( connections * 4 ))); do
    printf '%s\n' "$(curl -sf -u "$web_id:$web_secret" -d grant_type=authorization_code -d "code=$(code_of "r$i")" \
      -d "redirect_uri=$redirect" -d "code_verifier=$verifier" "$base/oauth2/token" | json_field refresh_token)"
  done | split_tokens "$data/refresh"
}

prepare=""  # a function run before the warm-up and before the measured run, given their seconds
selected() { # CASE: BENCH_ONLY unset, or one of its |-separated texts is in the case's name
  [ -n "${BENCH_ONLY:-}" ] || return 0
  local text IFS='|'
  for text in $BENCH_ONLY; do
    case "$1" in *"$text"*) return 0 ;; esac
  done
  return 1
}

run() { # server, case, url, lua, env...
  local server=$1 name=$2 url=$3 script=$4; shift 4
  selected "$name" || return 0
  [ -z "$prepare" ] || $prepare $warmup
  env "$@" wrk -t$threads -c$connections -d${warmup}s --timeout 10s -s "bench/lua/$script" "$url" >/dev/null 2>&1 || true
  [ -z "$prepare" ] || $prepare $duration
  local out
  out=$(env "$@" wrk -t$threads -c$connections -d${duration}s --timeout 10s --latency -s "bench/lua/$script" "$url" 2>&1 \
    | grep '^RESULT' || true)
  [ -n "$out" ] || { echo "wrk produced no result for $server $name" >&2; exit 1; }
  case "$out" in *exhausted=1*) echo "$server $name ran out of prepared credentials: $out" >&2; exit 1 ;; esac
  echo "$server|$name|$round|$out"
}

servers="Mailgate"
if [ "$compare" = 1 ]; then
  eval "$(bench/competitors/keycloak.sh start 18180 "$data/keycloak" | tail -n 1)"
  eval "$(bench/competitors/oidc-provider.sh start 18280 "$data/oidc-provider" | tail -n 1)"
  kc_rs256_token=$(curl -sf -u "$KC_RS256_CLIENT:$KC_RS256_SECRET" -d grant_type=client_credentials "$KC_RS256_TOKEN_URL" | json_field access_token)
  kc_es256_token=$(curl -sf -u "$KC_ES256_CLIENT:$KC_ES256_SECRET" -d grant_type=client_credentials "$KC_ES256_TOKEN_URL" | json_field access_token)
  op_token=$(curl -sf -u "$OP_CLIENT:$OP_SECRET" -d grant_type=client_credentials -d scope=api "$OP_TOKEN_URL" | json_field access_token)
  servers="Mailgate, Keycloak (RS256), Keycloak (ES256), oidc-provider"
  # Keycloak's refresh tokens: separate sessions of its bench user (password grant).
  kc_refresh() { # TOKEN_URL CLIENT SECRET
    for _ in $(seq 1 $(( connections * 4 ))); do
      printf '%s\n' "$(curl -sf -u "$2:$3" -d grant_type=password --data-urlencode "username=$KC_USER" \
        --data-urlencode "password=$KC_USER_PASSWORD" "$1" | json_field refresh_token)"
    done | split_tokens "$data/refresh"
  }
  prepare_kc_rs256_refresh() { kc_refresh "$KC_RS256_TOKEN_URL" "$KC_RS256_CLIENT" "$KC_RS256_SECRET"; }
  prepare_kc_es256_refresh() { kc_refresh "$KC_ES256_TOKEN_URL" "$KC_ES256_CLIENT" "$KC_ES256_SECRET"; }
fi

results=$(mktemp)
{
  for round in $(seq 1 $rounds); do
    fresh_tokens
    run Mailgate "client_credentials grant" "$base/oauth2/token" form-post.lua BENCH_BODY="grant_type=client_credentials&scope=contacts.read" BENCH_BASIC="$(basic "$client_id" "$client_secret")"
    if [ "$compare" = 1 ]; then
      run "Keycloak (RS256)" "client_credentials grant" "$KC_RS256_TOKEN_URL" form-post.lua BENCH_BODY="grant_type=client_credentials" BENCH_BASIC="$(basic "$KC_RS256_CLIENT" "$KC_RS256_SECRET")"
      run "Keycloak (ES256)" "client_credentials grant" "$KC_ES256_TOKEN_URL" form-post.lua BENCH_BODY="grant_type=client_credentials" BENCH_BASIC="$(basic "$KC_ES256_CLIENT" "$KC_ES256_SECRET")"
      run "oidc-provider" "client_credentials grant" "$OP_TOKEN_URL" form-post.lua BENCH_BODY="grant_type=client_credentials&scope=api" BENCH_BASIC="$(basic "$OP_CLIENT" "$OP_SECRET")"
    fi
    prepare=prepare_codes run Mailgate "authorization_code exchange" "$base/oauth2/token" code-exchange.lua \
      BENCH_CODES="$data/codes" BENCH_BASIC="$(basic "$web_id" "$web_secret")" BENCH_REDIRECT_URI="$redirect" BENCH_VERIFIER="$verifier"
    prepare=prepare_refresh run Mailgate "refresh grant" "$base/oauth2/token" refresh.lua \
      BENCH_REFRESH="$data/refresh" BENCH_BASIC="$(basic "$web_id" "$web_secret")"
    if [ "$compare" = 1 ]; then
      prepare=prepare_kc_rs256_refresh run "Keycloak (RS256)" "refresh grant" "$KC_RS256_TOKEN_URL" refresh.lua \
        BENCH_REFRESH="$data/refresh" BENCH_BASIC="$(basic "$KC_RS256_CLIENT" "$KC_RS256_SECRET")"
      prepare=prepare_kc_es256_refresh run "Keycloak (ES256)" "refresh grant" "$KC_ES256_TOKEN_URL" refresh.lua \
        BENCH_REFRESH="$data/refresh" BENCH_BASIC="$(basic "$KC_ES256_CLIENT" "$KC_ES256_SECRET")"
    fi
    run Mailgate "introspection" "$base/oauth2/introspect" form-post.lua BENCH_BODY="token=$token" BENCH_BASIC="$(basic "$client_id" "$client_secret")"
    if [ "$compare" = 1 ]; then
      run "Keycloak (RS256)" "introspection" "$KC_RS256_INTROSPECT_URL" form-post.lua BENCH_BODY="token=$kc_rs256_token" BENCH_BASIC="$(basic "$KC_RS256_CLIENT" "$KC_RS256_SECRET")"
      run "Keycloak (ES256)" "introspection" "$KC_ES256_INTROSPECT_URL" form-post.lua BENCH_BODY="token=$kc_es256_token" BENCH_BASIC="$(basic "$KC_ES256_CLIENT" "$KC_ES256_SECRET")"
      run "oidc-provider" "introspection" "$OP_INTROSPECT_URL" form-post.lua BENCH_BODY="token=$op_token" BENCH_BASIC="$(basic "$OP_CLIENT" "$OP_SECRET")"
    fi
    run Mailgate "API GET /api/v1/me (opaque token)" "$base/api/v1/me" bearer-get.lua BENCH_TOKEN="$token"
    # Right after the API GET, so that the target's two figures come from the same minute: the
    # contacts batches below leave the embedded database writing for a while after them.
    run Mailgate "unauthenticated GET (baseline)" "$base/.well-known/oauth-protected-resource" bearer-get.lua BENCH_TOKEN=none
    run Mailgate "contacts batch upsert, 1,000 new contacts per request" "$base/api/v1/contacts/batch" contacts-batch.lua \
      BENCH_TOKEN="$crm_token" BENCH_MODE=create
    run Mailgate "contacts batch upsert, 1,000 updated contacts per request" "$base/api/v1/contacts/batch" contacts-batch.lua \
      BENCH_TOKEN="$crm_token" BENCH_MODE=update
    run Mailgate "contacts page GET (100 per page)" "$base/api/v1/contacts?limit=100" bearer-get.lua BENCH_TOKEN="$crm_token"
    run Mailgate "contact GET by id (bearer token)" "$base/api/v1/contacts/$contact_id" bearer-get.lua BENCH_TOKEN="$crm_token"
    # Tracking (issue 8): what every recipient's mail app asks for, each request recording one event.
    run Mailgate "tracking: open pixel GET (records an open)" "$open_url" bearer-get.lua BENCH_TOKEN=none
    run Mailgate "tracking: click redirect GET (records a click, 302)" "$click_url" bearer-get.lua BENCH_TOKEN=none
  done
} > "$results"
rss=$(resident_mib $pid)
# The JVM gives heap it no longer needs back to the system once the load stops (the launcher's
# periodic collection; docs/benchmarks.md, "Memory, start-up and the handler look-up"): resident
# memory again after a pause.
sleep "$idle"
idle_rss=$(resident_mib $pid)

# The launcher's defaults apply unless BENCH_JAVA_OPTS replaces them; its compiler directive
# (C2 kept from the start's code) says so on the JVM's first line of output.
jvm_options="the launcher's JVM options"
[ -z "${BENCH_JAVA_OPTS:-}" ] || jvm_options="JAVA_OPTS=$BENCH_JAVA_OPTS"
grep -q '^1 compiler directives added' "$data/mailgate.log" 2>/dev/null && jvm_options="$jvm_options with its compiler directive"
echo "Mailgate $(git rev-parse --short HEAD 2>/dev/null || echo '?') over ${scheme^^} on ${BENCH_DB:-h2}, $(java -version 2>&1 | head -n 1), $jvm_options, wrk -t$threads -c$connections, ${duration}s per run after ${warmup}s warm-up, $(nproc) cores"
echo "Launch to healthy: Mailgate ${healthy}s; resident memory: Mailgate ${rss} MiB at the end of the load, ${idle_rss} MiB ${idle} s later"
if [ "$compare" = 1 ]; then
  kc_rss=$(resident_mib "$KC_PID")
  op_rss=$(resident_mib "$OP_PID")
  echo "Keycloak (both realms, one server): healthy after ${KC_HEALTHY_SECONDS}s, ${kc_rss} MiB; oidc-provider: healthy after ${OP_HEALTHY_SECONDS}s, ${op_rss} MiB"
fi
echo
echo "| server | case | run | requests/s | p50 ms | p99 ms | non-2xx |"
echo "|---|---|---|---:|---:|---:|---:|"
while IFS='|' read -r server name round out; do
  rps=$(echo "$out" | sed -E 's/.*rps=([0-9]+).*/\1/')
  p50=$(echo "$out" | sed -E 's/.*p50=([0-9.]+).*/\1/')
  p99=$(echo "$out" | sed -E 's/.*p99=([0-9.]+).*/\1/')
  non2xx=$(echo "$out" | sed -E 's/.*non2xx=([0-9]+).*/\1/')
  # Requests over wrk's 10 s timeout (or with a broken connection) got no status to count.
  socket=$(echo "$out" | sed -nE 's/.*socket_errors=([0-9]+).*/\1/p')
  [ "${socket:-0}" = 0 ] || non2xx="$non2xx (+$socket timed out or broken)"
  # which statuses, where the case's script reads its responses (status:count)
  statuses=$(echo "$out" | sed -nE 's/.*statuses=([0-9:,]+).*/\1/p')
  [ -z "$statuses" ] || non2xx="$non2xx (${statuses//,/, })"
  echo "| $server | $name | $round | $rps | $p50 | $p99 | $non2xx |"
done < "$results"

# Issue 5's targets, read per run from the table above (rows whose cases did not run are left
# out), and a run whose baseline cannot be read: the API GET answers through the same filters
# and more, so a baseline below it means something else took the CPU during that run.
note=""; [ "$duration" -ge 20 ] || note=" (a short run: cold code and a few seconds per case, not a measurement)"
awk -F'|' -v rounds="$rounds" -v note="$note" '
  { rps = $4; sub(/.*rps=/, "", rps); sub(/ .*/, "", rps)
    p99 = $4; sub(/.*p99=/, "", p99); sub(/ .*/, "", p99)
    rate[$1 "|" $2 "|" $3] = rps; tail[$1 "|" $2 "|" $3] = p99 }
  function row(target, a, b, how,   line, i, x, y, shown) {
    line = "| " target " |"
    for (i = 1; i <= rounds; i++) {
      x = rate[a "|" i]; y = (how == "p99") ? tail[a "|" i] : rate[b "|" i]
      if (x == "" || y == "" || y == 0) { line = line " |"; continue }
      shown = 1
      if (how == "p99") line = line " " y " ms |"
      else if (how == "%") line = line " " sprintf("%.0f %%", 100 * x / y) " |"
      else line = line " " sprintf(x + 0 < y + 0 ? "%.2f×" : "%.1f×", x / y) " |"
    }
    if (shown) rows = rows line "\n"
  }
  END {
    m = "Mailgate|"; base = m "unauthenticated GET (baseline)"; api = m "API GET /api/v1/me (opaque token)"
    cc = "client_credentials grant"
    header = "| target |"; rule = "|---|"
    for (i = 1; i <= rounds; i++) { header = header " run " i " |"; rule = rule "---|" }
    row("client_credentials ≥ 10× Keycloak RS256", m cc, "Keycloak (RS256)|" cc)
    row("client_credentials ≥ 5× Keycloak ES256", m cc, "Keycloak (ES256)|" cc)
    row("client_credentials ≥ 2× oidc-provider", m cc, "oidc-provider|" cc)
    row("client_credentials p99 ≤ 20 ms", m cc, m cc, "p99")
    row("refresh ≥ 5× Keycloak RS256", m "refresh grant", "Keycloak (RS256)|refresh grant")
    row("introspection ≥ 3× Keycloak RS256", m "introspection", "Keycloak (RS256)|introspection")
    row("introspection ≥ 2× oidc-provider", m "introspection", "oidc-provider|introspection")
    row("API GET ≥ 70 % of the baseline", api, base, "%")
    row("client_credentials ≥ 50 % of the baseline", m cc, base, "%")
    if (rows != "") printf "\nIssue 5 targets, per run%s:\n\n%s\n%s\n%s", note, header, rule, rows
    for (i = 1; i <= rounds; i++)
      if (rate[base "|" i] != "" && rate[api "|" i] != "" && rate[base "|" i] + 0 < rate[api "|" i] + 0)
        printf "\nRun %d cannot be read against the baseline: its baseline (%s requests/s) is below the API GET (%s).\n", \
          i, rate[base "|" i], rate[api "|" i]
  }' "$results"
rm -f "$results"
exit 0
