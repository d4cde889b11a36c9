#!/usr/bin/env bash
# The cold-start run of the serverless sample (benchmarks/README.md, "Cold start"): builds the function's zip
# (with Spring AOT) and the benchmarks jar (package, never install), then runs
# dev.purista.benchmarks.coldstart.ColdStartRun, which starts the packaged function under the real Lambda
# runtime interface client, fresh JVM after fresh JVM, and measures the first response per JVM configuration:
#
#   benchmarks/coldstart/run.sh                                   # every variant, 5 runs each (~3 min)
#   benchmarks/coldstart/run.sh --variants=plain,aot-cds --runs=3
#   benchmarks/coldstart/run.sh --help
#
# Redis: the one answering on $PURISTA_BROKERS_REDIS_PORT (default 6390), else one started by
# scripts/brokers.sh with its data in benchmarks/target/coldstart/brokers and stopped at the end.
# Logs, archives and results.md go to benchmarks/target/coldstart/. Set SKIP_BUILD=1 to reuse the build.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

if [[ ${SKIP_BUILD:-} != 1 ]]; then
	./mvnw -B -ntp -q -pl sample-serverless,benchmarks -am package -DskipTests
fi

REDIS_PORT=${PURISTA_BROKERS_REDIS_PORT:-6390}
export PURISTA_BROKERS_REDIS_PORT=$REDIS_PORT
if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
	export PURISTA_BROKERS_DIR="$ROOT/benchmarks/target/coldstart/brokers"
	cleanup() {
		scripts/brokers.sh stop redis >/dev/null 2>&1 || true
	}
	trap cleanup EXIT
	scripts/brokers.sh start redis
fi

java -cp benchmarks/target/benchmarks.jar dev.purista.benchmarks.coldstart.ColdStartRun --redis-port="$REDIS_PORT" "$@"
