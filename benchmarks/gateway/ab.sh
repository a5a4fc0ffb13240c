#!/usr/bin/env bash
# Two gateway builds side by side (not a test): both run at once, pinned to core SERVER_CPU with
# their defaults (JSON access log on); wrk and the upstream (nginx returning 200) share core
# WRK_CPU. Rounds alternate between the two, in alternating order, and the script prints the
# median of the paired ratios B/A of requests/s and of CPU time per request (utime+stime from
# /proc/PID/stat over each round). Both processes see the same minutes of a VM whose speed drifts,
# which a comparison of two separate runs does not.
#
#   CORSAIR_A=/old/checkout/bin/corsair benchmarks/gateway/ab.sh get    # MODE: get | preflight
#
# CORSAIR_B defaults to this checkout's bin/corsair. PAIRS=30 SECS=3 WARMUP=20 (per build).
# Needs: wrk, nginx (nginx-light), taskset, java; 2 cores or more.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
MODE=${1:?usage: ab.sh get|preflight}
A=${CORSAIR_A:?set CORSAIR_A to the bin/corsair of the build to compare against}
B=${CORSAIR_B:-$root/bin/corsair}
PAIRS=${PAIRS:-30}
SECS=${SECS:-3}
WARMUP=${WARMUP:-20}
SERVER_CPU=${SERVER_CPU:-1}
WRK_CPU=${WRK_CPU:-0}
ORIGIN=https://app.example.com
for tool in wrk nginx taskset java curl python3; do
  command -v "$tool" >/dev/null || { echo "ab.sh: $tool is required" >&2; exit 2; }
done
work=$(mktemp -d)
pa= pb=
cleanup() {
  for p in $pa $pb; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/up/nginx.pid" ] && kill "$(cat "$work/up/nginx.pid")" 2>/dev/null || true
  sleep 0.5
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
UP=$(free_port); GA=$(free_port); GB=$(free_port)
mkdir -p "$work/up"
cat > "$work/up/nginx.conf" <<CONF
worker_processes 1; pid $work/up/nginx.pid; error_log $work/up/error.log warn; daemon on;
events { worker_connections 4096; }
http {
  client_body_temp_path $work/up/body; proxy_temp_path $work/up/proxy;
  fastcgi_temp_path $work/up/fcgi; uwsgi_temp_path $work/up/uwsgi; scgi_temp_path $work/up/scgi;
  keepalive_requests 1000000; access_log off;
  server { listen 127.0.0.1:$UP; location / { add_header X-App reached; return 200 'hello from the app'; } }
}
CONF
taskset -c "$WRK_CPU" nginx -p "$work/up" -c "$work/up/nginx.conf"
start() { # corsair port log -> pid
  CORS_ALLOWED_ORIGINS=$ORIGIN CORS_MAX_AGE=600 taskset -c "$SERVER_CPU" "$1" gateway \
    --upstream "http://127.0.0.1:$UP" --listen "127.0.0.1:$2" >/dev/null 2>"$3" &
  echo $!
}
pa=$(start "$A" "$GA" "$work/a.log")
pb=$(start "$B" "$GB" "$work/b.log")
for p in $GA $GB; do
  for _ in $(seq 1 900); do curl -s -o /dev/null "http://127.0.0.1:$p/" && break; sleep 0.1; done
done
cat > "$work/preflight.lua" <<LUA
wrk.method = "OPTIONS"
wrk.headers["Origin"] = "$ORIGIN"
wrk.headers["Access-Control-Request-Method"] = "PUT"
wrk.headers["Access-Control-Request-Headers"] = "content-type"
LUA
script=(); [ "$MODE" = preflight ] && script=(-s "$work/preflight.lua")
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
round() { # port pid secs -> "requests/s cpu_us_per_request"
  local t0 t1 n rps
  t0=$(ticks "$2")
  taskset -c "$WRK_CPU" wrk -t1 -c256 -d"$3"s "${script[@]}" -H "Origin: $ORIGIN" "http://127.0.0.1:$1/api/items" >"$work/wrk.txt"
  t1=$(ticks "$2")
  n=$(awk '/requests in/ {print $1}' "$work/wrk.txt"); rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  awk -v n="$n" -v r="$rps" -v d=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.0f %.2f\n", r, d / hz * 1e6 / n}'
}
round "$GA" "$pa" "$WARMUP" >/dev/null; round "$GB" "$pb" "$WARMUP" >/dev/null
for i in $(seq 1 "$PAIRS"); do
  if [ $((i % 2)) = 1 ]; then a=$(round "$GA" "$pa" "$SECS"); b=$(round "$GB" "$pb" "$SECS")
  else b=$(round "$GB" "$pb" "$SECS"); a=$(round "$GA" "$pa" "$SECS"); fi
  echo "pair $i: A $a | B $b" | tee -a "$work/pairs" >&2
done
awk '{ra[NR] = $8 / $4; ca[NR] = $9 / $5}
  function median(x, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && x[j-1] > x[j]; j--) { t = x[j]; x[j] = x[j-1]; x[j-1] = t }
    return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2 }
  END { printf "%s, B/A, median of %d pairs (%s s each): requests/s %.3f, CPU per request %.3f\n", mode, NR, secs, median(ra, NR), median(ca, NR) }' \
  mode="$MODE" secs="$SECS" "$work/pairs"
