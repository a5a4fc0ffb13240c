#!/usr/bin/env bash
# Gateway benchmark on pinned cores (issue 12; not a test): corsair gateway with its default JSON
# access log against nginx with one worker writing one JSON access-log line per request
# (buffer=64k flush=1s). The server under test runs alone on core SERVER_CPU; wrk and the upstream
# (nginx returning 200) share core WRK_CPU. Reports requests/s, CPU time per request (utime+stime
# of the server's process from /proc/PID/stat, over the measured run) and the largest RSS seen.
#
#   benchmarks/gateway/pinned.sh          # DURATION=10 CONNS=256 WARMUP=30 ROUNDS=3
#
# Besides each server's best round it prints the medians of paired rounds (each gateway round
# against the nginx round measured right after it), the steadier reading on a VM whose speed drifts.
#
# The warm-up is 30 s per measurement: after 5 s the JVM is still compiling on the measured core
# (C2 took 17 % of its samples in the 10 s that followed), which a gateway that runs for hours
# does not pay.
#   GATEWAY_ARGS='--access-log off' benchmarks/gateway/pinned.sh
#
# Needs: wrk, nginx (nginx-light), taskset, java; 2 cores or more.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
DURATION=${DURATION:-10}
CONNS=${CONNS:-256}
WARMUP=${WARMUP:-30}
ROUNDS=${ROUNDS:-3}
SERVER_CPU=${SERVER_CPU:-1}
WRK_CPU=${WRK_CPU:-0}
GATEWAY_ARGS=${GATEWAY_ARGS:-}
CORSAIR=${CORSAIR:-$root/bin/corsair}  # another build to compare, e.g. an older checkout
ORIGIN=https://app.example.com
for tool in wrk nginx taskset java curl python3; do
  command -v "$tool" >/dev/null || { echo "pinned.sh: $tool is required" >&2; exit 2; }
done
work=$(mktemp -d)
gw_pid=
cleanup() {
  [ -n "$gw_pid" ] && kill "$gw_pid" 2>/dev/null || true
  for d in up ngx; do [ -f "$work/$d/nginx.pid" ] && kill "$(cat "$work/$d/nginx.pid")" 2>/dev/null || true; done
  sleep 0.5
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
UP=$(free_port); NGX=$(free_port); GW=$(free_port)

nginx_conf() { # $1 dir, $2 http-level lines
  mkdir -p "$1"
  cat > "$1/nginx.conf" <<CONF
worker_processes 1;
pid $1/nginx.pid;
error_log $1/error.log warn;
daemon on;
events { worker_connections 4096; }
http {
  client_body_temp_path $1/body; proxy_temp_path $1/proxy;
  fastcgi_temp_path $1/fcgi; uwsgi_temp_path $1/uwsgi; scgi_temp_path $1/scgi;
  keepalive_requests 1000000;
  $2
}
CONF
}

nginx_conf "$work/up" "access_log off;
  server { listen 127.0.0.1:$UP; location / { add_header X-App reached; return 200 'hello from the app'; } }"
taskset -c "$WRK_CPU" nginx -p "$work/up" -c "$work/up/nginx.conf"

# nginx as the CORS proxy: one worker, one JSON line per request, buffered.
nginx_conf "$work/ngx" "log_format json escape=json '{\"time\":\"\$time_iso8601\",\"client\":\"\$remote_addr\",\"method\":\"\$request_method\",\"path\":\"\$uri\",\"status\":\$status,\"bytes\":\$body_bytes_sent,\"ms\":\$request_time,\"origin\":\"\$http_origin\",\"upstream\":\"\$upstream_addr\"}';
  access_log $work/ngx/access.log json buffer=64k flush=1s;
  upstream app { server 127.0.0.1:$UP; keepalive 256; }
  server {
    listen 127.0.0.1:$NGX;
    location / {
      if (\$request_method = OPTIONS) {
        add_header Access-Control-Allow-Origin '$ORIGIN';
        add_header Access-Control-Allow-Methods 'GET, HEAD, POST, PUT, PATCH, DELETE';
        add_header Access-Control-Allow-Headers 'Content-Type';
        add_header Access-Control-Max-Age 600;
        add_header Vary 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
        return 204;
      }
      add_header Access-Control-Allow-Origin '$ORIGIN' always;
      add_header Vary Origin always;
      proxy_http_version 1.1;
      proxy_set_header Connection '';
      proxy_pass http://app;
    }
  }"
taskset -c "$SERVER_CPU" nginx -p "$work/ngx" -c "$work/ngx/nginx.conf"

# corsair gateway with its defaults (the access log goes to stderr, here a file).
# shellcheck disable=SC2086
CORS_ALLOWED_ORIGINS=$ORIGIN CORS_MAX_AGE=600 taskset -c "$SERVER_CPU" "$CORSAIR" gateway \
  --upstream "http://127.0.0.1:$UP" --listen "127.0.0.1:$GW" $GATEWAY_ARGS >"$work/gw.out" 2>"$work/gw.log" &
gw_pid=$!

wait_for() { for _ in $(seq 1 900); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done; echo "pinned.sh: $1 did not start" >&2; exit 1; }
wait_for "http://127.0.0.1:$UP/"; wait_for "http://127.0.0.1:$NGX/"; wait_for "http://127.0.0.1:$GW/"
sleep 1
ngx_worker=$(pgrep -P "$(cat "$work/ngx/nginx.pid")" | head -1)

cat > "$work/preflight.lua" <<LUA
wrk.method = "OPTIONS"
wrk.headers["Origin"] = "$ORIGIN"
wrk.headers["Access-Control-Request-Method"] = "PUT"
wrk.headers["Access-Control-Request-Headers"] = "content-type"
LUA

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hz=$(getconf CLK_TCK)

# measure URL SCRIPT PID -> "requests/s cpu_us_per_request max_rss_mb"
measure() {
  local url=$1 script=$2 pid=$3 max=0 r
  taskset -c "$WRK_CPU" wrk -t1 -c"$CONNS" -d"${WARMUP}s" ${script:+-s "$script"} -H "Origin: $ORIGIN" "$url" >/dev/null 2>&1
  local t0; t0=$(ticks "$pid")
  taskset -c "$WRK_CPU" wrk -t1 -c"$CONNS" -d"${DURATION}s" ${script:+-s "$script"} -H "Origin: $ORIGIN" "$url" >"$work/wrk.txt" 2>&1 &
  local w=$!
  while kill -0 "$w" 2>/dev/null; do r=$(rss_kb "$pid"); [ "$r" -gt "$max" ] && max=$r; sleep 0.5; done
  wait "$w" || true
  local t1; t1=$(ticks "$pid")
  local n rps
  n=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  grep -E "Non-2xx|Socket errors" "$work/wrk.txt" >&2 || true
  awk -v n="$n" -v rps="$rps" -v d=$((t1 - t0)) -v hz="$hz" -v m="$max" \
    'BEGIN {printf "%.0f %.1f %d\n", rps, d / hz * 1e6 / n, m / 1024}'
}

declare -A best
keep() { # the round with more requests/s; the largest RSS of all rounds
  local key=$1 new=$2 old=${best[$1]:-}
  if [ -z "$old" ]; then best[$key]=$new; return; fi
  best[$key]=$(awk -v o="$old" -v n="$new" 'BEGIN {split(o,a," "); split(n,b," ");
    r = (b[1] > a[1]) ? n : o; split(r,c," "); m = (a[3] > b[3]) ? a[3] : b[3];
    print c[1], c[2], m}')
}
for round in $(seq 1 "$ROUNDS"); do
  for target in gateway nginx; do
    case $target in
      gateway) url="http://127.0.0.1:$GW/api/items"; pid=$gw_pid ;;
      nginx) url="http://127.0.0.1:$NGX/api/items"; pid=$ngx_worker ;;
    esac
    pre=$(measure "$url" "$work/preflight.lua" "$pid")
    get=$(measure "$url" "" "$pid")
    echo "round $round $target: preflight $pre | GET $get" >&2
    keep "$target.pre" "$pre"; keep "$target.get" "$get"
    echo "$round $target $pre $get" >> "$work/rounds.txt"
  done
done

f() { echo "$1" | awk "{print \$$2}"; }
printf '\n%s\n\n' "wrk -t1 -c$CONNS -d${DURATION}s (after ${WARMUP}s warm-up), best of $ROUNDS rounds; server on core $SERVER_CPU, wrk + upstream on core $WRK_CPU; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
printf '| server | preflights/s | CPU per preflight | proxied GETs/s | CPU per GET | max RSS |\n|---|---|---|---|---|---|\n'
for t in gateway nginx; do
  pre=${best[$t.pre]}; get=${best[$t.get]}
  rss=$(( $(f "$pre" 3) > $(f "$get" 3) ? $(f "$pre" 3) : $(f "$get" 3) ))
  printf '| %s | %s | %s µs | %s | %s µs | %s MiB |\n' "$t" "$(f "$pre" 1)" "$(f "$pre" 2)" "$(f "$get" 1)" "$(f "$get" 2)" "$rss"
done
awk -v gp="$(f "${best[gateway.pre]}" 1)" -v np="$(f "${best[nginx.pre]}" 1)" \
    -v gc="$(f "${best[gateway.pre]}" 2)" -v nc="$(f "${best[nginx.pre]}" 2)" \
    -v gg="$(f "${best[gateway.get]}" 1)" -v ng="$(f "${best[nginx.get]}" 1)" 'BEGIN {
  printf "\ngateway/nginx: preflights/s %.2fx (goal >= 0.9), CPU per preflight %.2fx (goal <= 1.1), GETs/s %.2fx (goal >= 0.8)\n", gp/np, gc/nc, gg/ng }'
# Each gateway round against the nginx round measured right after it (the same minute): on a VM
# whose speed drifts, the best rounds of the two servers can come from different minutes.
awk '$2 == "gateway" {gp[$1] = $3; gc[$1] = $4; gg[$1] = $6} $2 == "nginx" {np[$1] = $3; nc[$1] = $4; ng[$1] = $6}
  function median(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  END { n = 0; for (r in gp) if (r in np) { n++; p[n] = gp[r] / np[r]; c[n] = gc[r] / nc[r]; g[n] = gg[r] / ng[r] }
    if (n) printf "paired rounds (median of %d): preflights/s %.2fx, CPU per preflight %.2fx, GETs/s %.2fx\n", n, median(p, n), median(c, n), median(g, n) }' "$work/rounds.txt"
echo "access-log lines written by the gateway: $(grep -c '^{"time"' "$work/gw.log" || true); dropped: $(grep -o '[0-9]* access-log lines dropped' "$work/gw.log" | awk '{s+=$1} END {print s+0}')"
