#!/usr/bin/env bash
# Crash safety (issue 10, docs/crash-safety.md): kills a real Mailgate with kill -9 in the middle of a
# bulk contact import and in the middle of a campaign send, starts it again on the same data, and
# checks what survived against what was sent.
#   scripts/crash-test.sh                    on the embedded H2 database (a fresh data directory)
#   CRASH_DB=postgres scripts/crash-test.sh  on PostgreSQL (127.0.0.1:5432, role mailgate as .ci/services
#                                            sets it up; its own database mailgate_crash, dropped at the end)
# Import: batches of 1,000 contacts (names, two custom fields, tags, a list) go to
# POST /api/v1/contacts/batch on 2 connections; after a few acknowledged batches the node is killed.
# After the restart every acknowledged batch must be whole, every other batch whole or absent, and
# every stored contact exactly as sent. CSV import: a file of 40,000 contacts through the import page,
# killed once its progress shows 3,000 rows; after the restart every block of 1,000 rows is whole or
# absent, at least the rows the progress showed are there, and the import shows as interrupted.
# Campaign: 3,000 recipients through a recording SMTP sink (scripts/smtp-sink.py) at 200 messages/s,
# killed a third of the way; after the restart the send must finish by itself with nobody emailed
# twice and the counts adding up. Exits 1 on any violation.
set -euo pipefail
cd "$(dirname "$0")/.."

# Free ports unless given: other Mailgates (bench, other tests) may run on this machine.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=${CRASH_PORT:-$(free_port)}
smtp_port=${CRASH_SMTP_PORT:-$(free_port)}
base="http://127.0.0.1:$port"
db=${CRASH_DB:-h2}
started_at=$(date +%s)
work=$(mktemp -d)
client() { python3 scripts/crash-client.py "$@"; }
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
psql_admin() { as_root runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA -h /var/run/postgresql "$@"; }
database=()
if [ "$db" = postgres ]; then
  psql_admin -c "drop database if exists mailgate_crash" -c "create database mailgate_crash owner mailgate" >/dev/null
  database=(SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/mailgate_crash
    SPRING_DATASOURCE_USERNAME=mailgate SPRING_DATASOURCE_PASSWORD=mailgate)
fi

pid=""; sink_pid=""; import_pid=""
cleanup() {
  for p in $import_pid $pid $sink_pid; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  [ "$db" = postgres ] && psql_admin -c "drop database if exists mailgate_crash" >/dev/null 2>&1 || true
  if [ "${CRASH_KEEP:-}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

./mailgate prepare >/dev/null
secret="crash-bootstrap-secret-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
start_node() { # LOG: starts Mailgate on $work/data and waits until it is healthy
  if curl -s -o /dev/null "$base/" 2>/dev/null; then echo "port $port is taken by another process" >&2; exit 1; fi
  MAILGATE_DATA_DIR="$work/data" MAILGATE_TLS_MODE=proxy SERVER_PORT=$port MAILGATE_ISSUER="$base" \
    MAILGATE_BOOTSTRAP_ADMIN_EMAIL=crash@localhost MAILGATE_BOOTSTRAP_ADMIN_PASSWORD=crash-admin-password \
    MAILGATE_BOOTSTRAP_CLIENT_ID=crash-bootstrap MAILGATE_BOOTSTRAP_CLIENT_SECRET="$secret" \
    MAILGATE_RATELIMIT_TOKENENDPOINT_QUOTA=1000000000 MAILGATE_RATELIMIT_API_QUOTA=1000000000 \
    MAILGATE_SMTP_HOST=127.0.0.1 MAILGATE_SMTP_PORT=$smtp_port MAILGATE_SMTP_STARTTLS=false \
    MAILGATE_CAMPAIGNS_SENDRATE=200 MAILGATE_CONTACTS_IMPORTHEARTBEATTIMEOUT=10s env ${database[@]+"${database[@]}"} ./mailgate serve >> "$work/$1" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    curl -sf "$base/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 50 "$work/$1"; echo "Mailgate did not start" >&2; exit 1; }
    sleep 0.1
  done
  echo "Mailgate was not healthy within 60 s" >&2; exit 1
}
kill_node() { kill -9 "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
token() {
  local answer
  answer=$(curl -s -u "crash-bootstrap:$secret" -d grant_type=client_credentials \
    -d "scope=contacts.read contacts.write campaigns.read campaigns.write campaigns.send" "$base/oauth2/token")
  case "$answer" in *'"access_token"'*) echo "$answer" | field access_token ;;
    *) echo "no token from $base/oauth2/token: $answer" >&2; return 1 ;; esac
}
wait_for_lines() { # FILE COUNT SECONDS
  local deadline=$(( $(date +%s) + $3 ))
  while [ "$(cat "$1" 2>/dev/null | wc -l)" -lt "$2" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "gave up waiting for $2 lines in $1" >&2; return 1; }
    sleep 0.02
  done
}

python3 scripts/smtp-sink.py "$smtp_port" "$work/sink.txt" &
sink_pid=$!
status=0

echo "==> Crash test on $db: bulk import through POST /api/v1/contacts/batch"
start_node node-1.log
batches=60
client setup "$base" "$(token)" "$work/state.json"
touch "$work/acked.txt"
client import "$base" "$(token)" "$work/state.json" $batches "$work/acked.txt" &
import_pid=$!
wait_for_lines "$work/acked.txt" 6 60
kill_node
killed_at=$(wc -l < "$work/acked.txt")
wait "$import_pid" || true; import_pid=""
echo "    killed with kill -9 after $killed_at acknowledged batches of 1,000 (2 more were in flight)"
start_node node-2.log
client check-import "$base" "$(token)" "$work/state.json" $batches "$work/acked.txt" || status=1

echo "==> Crash test on $db: CSV import on the Contacts > Import page"
rows=40000
client csv "$work/state.json" $rows "$work/contacts.csv"
hidden() { sed -n "s/.*name=\"$1\" value=\"\([^\"]*\)\".*/\1/p" | head -n 1; }
page() { curl -s -c "$work/cookies" -b "$work/cookies" "$@"; }
sign_in() {
  rm -f "$work/cookies"
  page -o /dev/null -d email=crash@localhost -d password=crash-admin-password \
    --data-urlencode "_csrf=$(page "$base/login" | hidden _csrf)" "$base/login"
  csrf=$(page "$base/contacts/import" | hidden _csrf)
}
sign_in
mapping=$(page -o /dev/null -w '%{redirect_url}' -H "X-CSRF-TOKEN: $csrf" -F "file=@$work/contacts.csv;type=text/csv" \
  "$base/contacts/import")
job=$(page -o /dev/null -w '%{redirect_url}' -H "X-CSRF-TOKEN: $csrf" -d column0=email -d column1=first_name \
  -d column2=last_name -d column3=tags -d column4=lists -d column5=field:score -d column6=field:note "$mapping")
case "$job" in */contacts/import/jobs/*) ;; *) echo "the import did not start: $mapping -> $job" >&2; exit 1 ;; esac
processed=0
deadline=$(( $(date +%s) + 60 ))
while [ "$processed" -lt 3000 ] && [ "$(date +%s)" -lt "$deadline" ]; do
  processed=$(page "$job/status" | sed -n 's/.*"processed":\([0-9]*\).*/\1/p'); processed=${processed:-0}
  sleep 0.05
done
kill_node
echo "    killed with kill -9 when the import's progress said $processed of $rows rows"
start_node node-csv.log
client check-csv "$base" "$(token)" "$work/state.json" $rows "$processed" || status=1
sign_in
# The import's row says "running" until its heartbeat is older than the timeout (10 s here, 30 s by
# default): then every node shows it as interrupted, with the rows it had written.
state=""; deadline=$(( $(date +%s) + 30 ))
while [ "$state" != interrupted ] && [ "$(date +%s)" -lt "$deadline" ]; do
  state=$(page "$job/status" | sed -n 's/.*"state":"\([a-z]*\)".*/\1/p'); sleep 0.5
done
if [ "$state" = interrupted ]; then echo "    the import shows as interrupted after the restart (its node stopped writing its heartbeat)"
else echo "VIOLATION the interrupted import's status says '$state' 30 s after the restart"; status=1; fi

echo "==> Crash test on $db: campaign send to 3,000 recipients"
touch "$work/sink.txt"
client campaign "$base" "$(token)" "$work/state.json" 3000
wait_for_lines "$work/sink.txt" 1000 60
kill_node
echo "    killed with kill -9 after $(wc -l < "$work/sink.txt") messages reached the SMTP sink"
start_node node-3.log
client check-campaign "$base" "$(token)" "$work/state.json" "$work/sink.txt" || status=1

echo "==> Crash test on $db: $([ $status -eq 0 ] && echo passed || echo FAILED) in $(( $(date +%s) - started_at ))s"
exit $status
