#!/usr/bin/env bash
# The fault run of the microservice sample (benchmarks/README.md, "Fault run"): builds the sample's fat jar and
# the benchmarks jar (package, never install), then runs dev.purista.benchmarks.chaos.FaultRun with the given
# options, e.g.
#
#   benchmarks/chaos/run.sh                                   # every scenario, 1000 sign-ups each (~10 min)
#   benchmarks/chaos/run.sh --scenarios=kill-email --count=300
#   benchmarks/chaos/run.sh --help
#
# Brokers (Redis, RabbitMQ) come from scripts/brokers.sh, on $PURISTA_BROKERS_REDIS_PORT /
# $PURISTA_BROKERS_RABBITMQ_PORT (default 6390 / 5673) with their data in benchmarks/target/chaos/brokers,
# wiped before every scenario; stop brokers of your own on those ports first. Logs and results.md go to
# benchmarks/target/chaos/. Set SKIP_BUILD=1 to reuse the jars.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

if [[ ${SKIP_BUILD:-} != 1 ]]; then
	./mvnw -B -ntp -q -pl sample-microservice,benchmarks -am package -DskipTests
fi

# The Java program stops what it started (a shutdown hook); this trap covers the brokers should the JVM die
# before its hook runs.
cleanup() {
	PURISTA_BROKERS_DIR="$ROOT/benchmarks/target/chaos/brokers" scripts/brokers.sh stop redis rabbitmq >/dev/null 2>&1 || true
}
trap cleanup EXIT

java -cp benchmarks/target/benchmarks.jar dev.purista.benchmarks.chaos.FaultRun --repository="$ROOT" "$@"
