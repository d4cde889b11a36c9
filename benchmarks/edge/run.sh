#!/usr/bin/env bash
# Start-up time and resident memory of the edge sample (benchmarks/README.md, "Edge start-up and memory"):
# builds sample-edge (package with Spring AOT, never install), extracts the jar into Boot's layout
# (java -Djarmode=tools -jar sample-edge.jar extract), trains the CDS archives, then starts the application with
# --spring.profiles.active=edge and -Xmx64m, fresh JVM after fresh JVM, per variant:
#   plain    the JDK's default CDS archive
#   aot      Spring AOT (-Dspring.aot.enabled=true)
#   cds      a dynamic AppCDS archive of the application (-XX:ArchiveClassesAtExit in a training run, then
#            -XX:SharedArchiveFile)
#   aot-cds  both
# Ready: Boot's "Started SampleEdgeApplication in ... (process running for <s>)" line; reported are the JVM's
# uptime at that line ("process running for") and the wall clock from launching java until the line is in the
# log (polled every 10 ms). RSS: VmRSS of /proc/<pid>/status 5 s after ready (the sensor is read and recorded
# every second meanwhile). Min and median of --runs (default 5).
#
#   benchmarks/edge/run.sh                          # build, every variant, 5 runs each (~2 min)
#   SKIP_BUILD=1 benchmarks/edge/run.sh --runs=3 --variants=plain,aot-cds
#   benchmarks/edge/run.sh --jvm-options="-XX:+UseSerialGC"
#
# MQTT: the mosquitto answering on $PURISTA_BROKERS_MQTT_PORT (default 1884), else one started with
# scripts/brokers.sh and stopped at the end. Dapr: a stand-in sidecar (benchmarks/edge/dapr-stub.py, python3)
# on a free port. Logs, archives and results.md go to benchmarks/target/edge/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

RUNS=5
VARIANTS=plain,aot,cds,aot-cds
JVM_OPTIONS=""
for arg in "$@"; do
	case "$arg" in
		--runs=*) RUNS=${arg#*=} ;;
		--variants=*) VARIANTS=${arg#*=} ;;
		--jvm-options=*) JVM_OPTIONS=${arg#*=} ;;
		-h | --help) sed -n '2,26p' "$0"; exit 0 ;;
		*) echo "unknown argument: $arg" >&2; exit 2 ;;
	esac
done

if [[ ${SKIP_BUILD:-} != 1 ]]; then
	./mvnw -B -ntp -q -pl sample-edge -am package -DskipTests
fi

WORK="$ROOT/benchmarks/target/edge"
rm -rf "$WORK"
mkdir -p "$WORK/logs"

PIDS_TO_STOP=()
cleanup() {
	for pid in "${PIDS_TO_STOP[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	if [[ ${STARTED_MOSQUITTO:-} == 1 ]]; then
		scripts/brokers.sh stop mosquitto >/dev/null 2>&1 || true
	fi
}
trap cleanup EXIT

MQTT_PORT=${PURISTA_BROKERS_MQTT_PORT:-1884}
export PURISTA_BROKERS_MQTT_PORT=$MQTT_PORT
if ! timeout 2 mosquitto_pub -V 5 -h 127.0.0.1 -p "$MQTT_PORT" -t purista/probe -m x >/dev/null 2>&1; then
	export PURISTA_BROKERS_DIR="$WORK/brokers"
	scripts/brokers.sh start mosquitto
	STARTED_MOSQUITTO=1
fi

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
DAPR_PORT=$(free_port)
python3 benchmarks/edge/dapr-stub.py "$DAPR_PORT" &
PIDS_TO_STOP+=($!)

java -Djarmode=tools -jar sample-edge/target/sample-edge.jar extract --destination "$WORK/app" >/dev/null
JAR="$WORK/app/sample-edge.jar"

# shellcheck disable=SC2206
COMMON=(-Xmx64m $JVM_OPTIONS)
APP_ARGS=(--spring.profiles.active=edge "--purista.mqtt.server-uri=tcp://127.0.0.1:$MQTT_PORT"
	"--purista.dapr.http-port=$DAPR_PORT" --sample.edge.health.port=0 --spring.main.banner-mode=off)

variant_options() {
	case "$1" in
		plain) echo "" ;;
		aot) echo "-Dspring.aot.enabled=true" ;;
		cds) echo "-XX:SharedArchiveFile=$WORK/cds.jsa" ;;
		aot-cds) echo "-Dspring.aot.enabled=true -XX:SharedArchiveFile=$WORK/aot-cds.jsa" ;;
	esac
}

# training: start, run until 5 s after ready (readings recorded, upload jobs done), stop with SIGTERM; the JVM
# writes the classes it loaded into the archive as it exits
train() {
	local archive=$1 log pid
	shift
	log="$WORK/logs/train-$(basename "$archive" .jsa).log"
	: >"$log"
	java "${COMMON[@]}" "$@" -XX:ArchiveClassesAtExit="$archive" -jar "$JAR" "${APP_ARGS[@]}" >"$log" 2>&1 &
	pid=$!
	until grep -q "Started SampleEdgeApplication in" "$log"; do
		kill -0 "$pid" 2>/dev/null || { echo "training run exited, see $log" >&2; exit 1; }
		sleep 0.1
	done
	sleep 5
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	[[ -s $archive ]] || { echo "no archive written, see $log" >&2; exit 1; }
}
[[ ,$VARIANTS, == *,cds,* ]] && train "$WORK/cds.jsa"
[[ ,$VARIANTS, == *,aot-cds,* ]] && train "$WORK/aot-cds.jsa" -Dspring.aot.enabled=true

now_ms() {
	date +%s%3N
}

# one fresh JVM: prints "<uptime s> <wall s> <rss kB>"
measure() {
	local variant=$1 run=$2 log pid start ready uptime rss
	log="$WORK/logs/$variant-$run.log"
	: >"$log"
	start=$(now_ms)
	# shellcheck disable=SC2046
	java "${COMMON[@]}" $(variant_options "$variant") -jar "$JAR" "${APP_ARGS[@]}" >"$log" 2>&1 &
	pid=$!
	until grep -q "Started SampleEdgeApplication in" "$log"; do
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "$variant run $run exited before it was ready, see $log" >&2
			exit 1
		fi
		sleep 0.01
	done
	ready=$(now_ms)
	uptime=$(grep -o "process running for [0-9.]*" "$log" | grep -o "[0-9.]*$")
	sleep 5
	rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	grep -q "Recording a reading .* failed" "$log" && echo "warning: $variant run $run failed to record readings" >&2
	echo "$uptime $(awk -v ms=$((ready - start)) 'BEGIN { printf "%.2f", ms / 1000 }') $rss"
}

stats() {
	# min and median of one column of numbers
	sort -n | awk '{ v[NR] = $1 } END { printf "%s / %s", v[1], (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

{
	echo "# Edge sample start-up and memory"
	echo
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load before: $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
	echo "JVM options: ${COMMON[*]}; $RUNS runs per variant"
	echo
	echo "| variant | ready: JVM uptime min / median | ready: wall clock min / median | RSS after ready min / median |"
	echo "|---|---:|---:|---:|"
} >"$WORK/results.md"

IFS=, read -ra SELECTED <<<"$VARIANTS"
for variant in "${SELECTED[@]}"; do
	: >"$WORK/$variant.txt"
	for run in $(seq 1 "$RUNS"); do
		measure "$variant" "$run" | tee -a "$WORK/$variant.txt" | sed "s/^/$variant run $run: uptime s, wall s, RSS kB: /"
	done
	uptime=$(awk '{ print $1 }' "$WORK/$variant.txt" | stats)
	wall=$(awk '{ print $2 }' "$WORK/$variant.txt" | stats)
	rss=$(awk '{ printf "%.0f\n", $3 / 1024 }' "$WORK/$variant.txt" | stats)
	echo "| $variant | $uptime s | $wall s | $rss MB |" >>"$WORK/results.md"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$WORK/results.md"
cat "$WORK/results.md"
