#!/usr/bin/env bash
# The framework benchmark: Vert.x, Javalin and Micronaut, each with corsair's adapter, with the
# framework's own CORS handler, and without CORS, measured in the same run with wrk. The server
# runs pinned to one core (SERVER_CPU), wrk to the other (WRK_CPU); each cell is requests/s and the
# server's CPU time per request (utime + stime of the whole JVM from /proc, over the measured run),
# the best of ROUNDS rounds (frameworks and variants interleaved). Prints a Markdown table. Usage (from anywhere):
#   WARMUP=15 DURATION=8 ROUNDS=2 CONNECTIONS=32 benchmarks/frameworks/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
WARMUP=${WARMUP:-15}
DURATION=${DURATION:-8}
ROUNDS=${ROUNDS:-2}
CONNECTIONS=${CONNECTIONS:-32}
SERVER_CPU=${SERVER_CPU:-0}
WRK_CPU=${WRK_CPU:-1}
FRAMEWORKS=${FRAMEWORKS:-"vertx javalin micronaut"}
VARIANTS=${VARIANTS:-"corsair native none"}
PORT=${PORT:-18181}
ORIGIN=https://app.example.com

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
./mvnw -q -pl benchmarks/frameworks -am -DskipTests -Dbench.smoke.skip=true package \
  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="benchmarks/frameworks/target/classes:$(cat benchmarks/frameworks/target/classpath.txt)"
TICKS=$(getconf CLK_TCK)
WORK=$(mktemp -d)
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
cat > "$WORK/preflight.lua" <<LUA
wrk.method = "OPTIONS"
wrk.headers["Origin"] = "$ORIGIN"
wrk.headers["Access-Control-Request-Method"] = "PUT"
wrk.headers["Access-Control-Request-Headers"] = "content-type"
LUA
cat > "$WORK/actual.lua" <<LUA
wrk.method = "GET"
wrk.headers["Origin"] = "$ORIGIN"
LUA
URL="http://127.0.0.1:$PORT/api/items"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# One wrk run of KIND against the running server; prints "requests/s cpu-us-per-request non-2xx".
measure() {
  local kind=$1 seconds=$2 before after out requests rps non2xx
  before=$(cpu_ticks "$SERVER")
  out=$(taskset -c "$WRK_CPU" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" -s "$WORK/$kind.lua" "$URL")
  after=$(cpu_ticks "$SERVER")
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  echo "$rps $(awk -v t="$((after - before))" -v hz="$TICKS" -v n="$requests" \
    'BEGIN {printf "%.1f", t * 1000000 / hz / n}') ${non2xx:-0}"
}

check() {
  local p a
  p=$(curl -s -o /dev/null -X OPTIONS -H "Origin: $ORIGIN" -H 'Access-Control-Request-Method: PUT' \
    -H 'Access-Control-Request-Headers: content-type' -w '%{http_code} %header{access-control-allow-origin}' "$URL")
  a=$(curl -s -o /dev/null -H "Origin: $ORIGIN" -w '%{http_code} %header{access-control-allow-origin}' "$URL")
  echo "preflight: $p; actual: $a"
}

echo "date: $(date -u +%FT%TZ); load: $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
echo "wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), ${CONNECTIONS} connections, ${WARMUP}s warm-up, ${DURATION}s measured, ${ROUNDS} rounds, server on CPU ${SERVER_CPU}, wrk on CPU ${WRK_CPU}"
RESULTS="$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
  for fw in $FRAMEWORKS; do
    for variant in $VARIANTS; do
      taskset -c "$SERVER_CPU" java -Xms256m -Xmx256m -cp "$CP" \
        dev.corsair.benchmarks.frameworks.BenchServer "$fw" "$variant" "$PORT" >"$WORK/server.log" 2>&1 &
      SERVER=$!
      for _ in $(seq 1 120); do
        curl -s -o /dev/null "$URL" && break
        sleep 0.5
      done
      echo "round $round $fw $variant: $(check)"
      for kind in preflight actual; do
        measure "$kind" "$WARMUP" >/dev/null
        echo "$fw $variant $kind $(measure "$kind" "$DURATION")" >>"$RESULTS"
      done
      kill "$SERVER"
      wait "$SERVER" 2>/dev/null || true
      SERVER=
    done
  done
done
echo
echo "| framework | CORS | preflight req/s | preflight CPU µs/req | actual req/s | actual CPU µs/req |"
echo "|---|---|---:|---:|---:|---:|"
# Best round per cell: the highest requests/s and, separately, the lowest CPU time per request
# (on a shared machine the best round is the one least disturbed by other processes).
for fw in $FRAMEWORKS; do
  for variant in $VARIANTS; do
    line="| $fw | $variant |"
    for kind in preflight actual; do
      rows=$(awk -v f="$fw" -v v="$variant" -v k="$kind" '$1 == f && $2 == v && $3 == k' "$RESULTS")
      rps=$(echo "$rows" | sort -k4 -n -r | head -1 | awk '{print $4}')
      cpu=$(echo "$rows" | sort -k5 -n | head -1 | awk '{print $5}')
      bad=$(echo "$rows" | awk '{n += $6} END {if (n > 0) print " (" n " non-2xx)"}')
      line="$line $rps | $cpu$bad |"
    done
    echo "$line"
  done
done
echo
echo "all rounds (framework variant kind req/s cpu-us non-2xx):"
cat "$RESULTS"
