#!/usr/bin/env bash
# Gateway benchmark (not a test): corsair gateway vs nginx (configured as the seeds show) vs a Node
# CORS proxy (local-cors-proxy from npm), all in front of the same upstream, on loopback, with wrk.
# Measures preflights/s, proxied GETs/s, p99 latency and resident memory at CONNS connections.
#
#   benchmarks/gateway/run.sh            # DURATION=10 CONNS=256 THREADS=2 ROUNDS=2 by default
#   DURATION=20 ROUNDS=3 benchmarks/gateway/run.sh
#
# The targets are measured in turn, ROUNDS times; each cell is the best round (a shared machine's
# noise only ever slows a run down), and RSS is the largest seen in any round.
#
# Needs: wrk, nginx, node + npm (local-cors-proxy is installed into a temp dir), java.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
DURATION=${DURATION:-10}
CONNS=${CONNS:-256}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-5}
ROUNDS=${ROUNDS:-2}
ORIGIN=https://app.example.com
for tool in wrk nginx node npm java curl; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is required" >&2; exit 2; }
done
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/up/nginx.pid" ] && kill "$(cat "$work/up/nginx.pid")" 2>/dev/null || true
  [ -f "$work/ngx/nginx.pid" ] && kill "$(cat "$work/ngx/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
UP=$(free_port); NGX=$(free_port); GW=$(free_port); LCP=$(free_port)

nginx_conf() { # $1 dir, $2 server block
  mkdir -p "$1"
  cat > "$1/nginx.conf" <<CONF
worker_processes auto;
pid $1/nginx.pid;
error_log $1/error.log warn;
daemon on;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $1/body; proxy_temp_path $1/proxy;
  fastcgi_temp_path $1/fcgi; uwsgi_temp_path $1/uwsgi; scgi_temp_path $1/scgi;
  keepalive_requests 1000000;
  $2
}
CONF
}

# The upstream: a tiny app that answers everything with 200, like the project's TestApp.
nginx_conf "$work/up" "server { listen 127.0.0.1:$UP; location / { add_header X-App reached; add_header Vary Accept-Encoding; return 200 'hello from the app'; } }"
nginx -p "$work/up" -c "$work/up/nginx.conf"

# nginx as the CORS proxy, written the way the seeds' answers write it.
nginx_conf "$work/ngx" "upstream app { server 127.0.0.1:$UP; keepalive 256; }
  server {
    listen 127.0.0.1:$NGX;
    location / {
      if (\$request_method = OPTIONS) {
        add_header Access-Control-Allow-Origin '$ORIGIN';
        add_header Access-Control-Allow-Methods 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
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
nginx -p "$work/ngx" -c "$work/ngx/nginx.conf"

# corsair gateway, built and started by the launcher.
CORS_ALLOWED_ORIGINS=$ORIGIN CORS_MAX_AGE=600 "$root/bin/corsair" gateway \
  --upstream "http://127.0.0.1:$UP" --listen "127.0.0.1:$GW" --access-log off >"$work/gw.log" 2>&1 &
pids+=($!); gw_pid=$!

# local-cors-proxy from npm (express + request), the Node answer.
(cd "$work" && npm install --no-audit --no-fund --silent local-cors-proxy@1.1.0 >/dev/null 2>&1)
node "$work/node_modules/local-cors-proxy/bin/lcp.js" --proxyUrl "http://127.0.0.1:$UP" \
  --port "$LCP" --origin "$ORIGIN" >/dev/null 2>&1 &
pids+=($!); lcp_pid=$!

wait_for() { for _ in $(seq 1 600); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done; echo "run.sh: $1 did not start" >&2; exit 1; }
wait_for "http://127.0.0.1:$UP/"; wait_for "http://127.0.0.1:$NGX/"; wait_for "http://127.0.0.1:$GW/"; wait_for "http://127.0.0.1:$LCP/proxy/"

cat > "$work/preflight.lua" <<LUA
wrk.method = "OPTIONS"
wrk.headers["Origin"] = "$ORIGIN"
wrk.headers["Access-Control-Request-Method"] = "PUT"
wrk.headers["Access-Control-Request-Headers"] = "content-type"
LUA

rss_kb() { # sum of RSS of the given pids and their children
  local total=0 p
  for p in "$@"; do
    for q in $p $(pgrep -P "$p" || true); do
      total=$((total + $(ps -o rss= -p "$q" 2>/dev/null || echo 0)))
    done
  done
  echo "$total"
}

# run NAME URL PIDS... -> "rps p99 rss_mb" for a wrk run (sampling RSS during it)
measure() {
  local url=$1 script=$2; shift 2
  local out max=0 r
  [ "$round" = 1 ] && wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP}s" ${script:+-s "$script"} -H "Origin: $ORIGIN" "$url" >/dev/null 2>&1
  wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency ${script:+-s "$script"} -H "Origin: $ORIGIN" "$url" >"$work/wrk.txt" 2>&1 &
  local w=$!
  while kill -0 "$w" 2>/dev/null; do r=$(rss_kb "$@"); [ "$r" -gt "$max" ] && max=$r; sleep 0.5; done
  wait "$w" || true
  local rps p99 errs
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/wrk.txt")
  errs=$(awk '/Non-2xx|Socket errors/ {print}' "$work/wrk.txt" | tr '\n' ' ')
  echo "$rps $p99 $((max / 1024)) ${errs:-}"
}

ngx_pids=$(cat "$work/ngx/nginx.pid")
declare -A res
better() { # keep the run with more requests/s, and the larger RSS of both
  local old=$1 new=$2
  [ -z "$old" ] && { echo "$new"; return; }
  local best=$old
  awk -v a="$(echo "$old" | cut -d' ' -f1)" -v b="$(echo "$new" | cut -d' ' -f1)" 'BEGIN {exit !(b > a)}' && best=$new
  local r1 r2; r1=$(echo "$old" | cut -d' ' -f3); r2=$(echo "$new" | cut -d' ' -f3)
  echo "$best" | awk -v r=$(( r1 > r2 ? r1 : r2 )) '{$3=r; print}'
}
for round in $(seq 1 "$ROUNDS"); do
  for target in gateway nginx node; do
    case $target in
      gateway) url="http://127.0.0.1:$GW/api/items"; p=$gw_pid ;;
      nginx) url="http://127.0.0.1:$NGX/api/items"; p=$ngx_pids ;;
      node) url="http://127.0.0.1:$LCP/proxy/api/items"; p=$lcp_pid ;;
    esac
    pre=$(measure "$url" "$work/preflight.lua" $p)
    get=$(measure "$url" "" $p)
    echo "round $round $target: preflight $pre | GET $get" >&2
    res[$target.pre]=$(better "${res[$target.pre]:-}" "$pre")
    res[$target.get]=$(better "${res[$target.get]:-}" "$get")
  done
done

field() { echo "$1" | awk "{print \$$2}"; }
printf '\n%s\n\n' "wrk -t$THREADS -c$CONNS -d${DURATION}s (after ${WARMUP}s warm-up), best of $ROUNDS rounds, loopback, $(nproc) cores; $(date -u +%Y-%m-%d)"
printf '| proxy | preflights/s | preflight p99 | proxied GETs/s | GET p99 | max RSS (MB) |\n|---|---|---|---|---|---|\n'
for target in gateway nginx node; do
  pre=${res[$target.pre]}; get=${res[$target.get]}
  rss=$(( $(field "$pre" 3) > $(field "$get" 3) ? $(field "$pre" 3) : $(field "$get" 3) ))
  printf '| %s | %s | %s | %s | %s | %s |\n' "$target" "$(field "$pre" 1)" "$(field "$pre" 2)" "$(field "$get" 1)" "$(field "$get" 2)" "$rss"
  extra=$(echo "$pre" | cut -d' ' -f4-)$(echo "$get" | cut -d' ' -f4-)
  [ -n "${extra// }" ] && echo "  ($target wrk notes: $extra)"
done
awk -v gp="$(field "${res[gateway.pre]}" 1)" -v np="$(field "${res[nginx.pre]}" 1)" \
    -v gg="$(field "${res[gateway.get]}" 1)" -v ng="$(field "${res[nginx.get]}" 1)" \
    -v dp="$(field "${res[node.pre]}" 1)" -v dg="$(field "${res[node.get]}" 1)" 'BEGIN {
  printf "\ngateway/nginx: preflights %.2fx (goal >= 1), GETs %.2fx (goal >= 0.8)\n", gp/np, gg/ng;
  printf "gateway/node:  preflights %.1fx, GETs %.1fx (goal >= 5)\n", gp/dp, gg/dg }'
