#!/usr/bin/env bash
# Regenerates docs/benchmarks.md: builds the benchmark jar, checks every filter's output for every
# scenario, measures the right ones with JMH (-prof gc) and writes the tables and the goals.
# Options are passed to dev.corsair.benchmarks.Report: --forks N, --warmup N, --iterations N,
# --time SECONDS, --out FILE, --smoke. About 15 minutes with the defaults on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl benchmarks -am -DskipTests -Dbench.smoke.skip=true package
exec java -cp benchmarks/target/benchmarks.jar dev.corsair.benchmarks.Report \
  --command "benchmarks/run.sh${*:+ $*}" "$@"
