# Shell functions for scripts that start real Mailgate nodes (source it; it sets no options).
#   as_root CMD...             CMD as root (directly when root, otherwise through sudo)
#   psql_admin ARGS...         psql as PostgreSQL's superuser on the local socket, as .ci/services sets it up
#   wait_healthy URL PID LOG   waits up to 60 s for URL/actuator/health; shows LOG's end if PID died
#   json_field NAME            a string field of the JSON on stdin ("name":"value")
#   hidden_field NAME          the value of a hidden form input of the HTML on stdin
#   random_hex BYTES           that many random bytes as hex
#   resident_mib PID           the process's resident memory in MiB ("?" when it is gone)
#   bench_psql ARGS...         psql quietly on PostgreSQL's mailgate_bench (role mailgate, as .ci/services sets it up)
#   empty_bench_database       empties mailgate_bench

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

psql_admin() { as_root runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA -h /var/run/postgresql "$@"; }

wait_healthy() {
  local url=$1 pid=$2 log=$3
  for _ in $(seq 1 600); do
    curl -sf "$url/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 50 "$log" >&2; echo "Mailgate at $url did not start" >&2; return 1; }
    sleep 0.1
  done
  tail -n 50 "$log" >&2
  echo "Mailgate at $url was not healthy within 60 s" >&2
  return 1
}

json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" | head -n 1; }

hidden_field() { sed -n "s/.*name=\"$1\" value=\"\([^\"]*\)\".*/\1/p" | head -n 1; }

random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

resident_mib() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status" 2>/dev/null || echo '?'; }

bench_psql() { PGPASSWORD=mailgate PGOPTIONS='-c client_min_messages=warning' psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U mailgate -d mailgate_bench "$@" >/dev/null; }

empty_bench_database() { bench_psql -c 'drop schema if exists public cascade' -c 'create schema public'; }
