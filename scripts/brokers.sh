#!/usr/bin/env bash
# Real brokers on loopback for tests, from Debian packages (no Docker needed):
# Redis, RabbitMQ, NATS with JetStream and Mosquitto (MQTT 5). The recipe is ../shared/BROKERS.md.
#
#   scripts/brokers.sh start [--clean] [broker...]  install missing packages (as root), start what is not
#                                                   running, wait until ready; --clean stops the named
#                                                   brokers and deletes their data first
#   scripts/brokers.sh stop [broker...]             stop brokers this script started (by their PID files only)
#   scripts/brokers.sh restart [broker...]          stop, then start, keeping the data
#   scripts/brokers.sh status [broker...]           show which brokers run and answer
#   scripts/brokers.sh env                          print the PURISTA_TEST_* variables: eval "$(scripts/brokers.sh env)"
#
# Brokers are redis, rabbitmq, nats and mosquitto (alias mqtt); without names a command applies to all.
# Data is kept across stop and start: Redis appends every write to its append-only file (fsync every
# second), RabbitMQ keeps its Mnesia and message store, NATS its JetStream store, Mosquitto its
# persistence file. `start --clean` (or deleting the broker's directory while it is stopped) wipes it.
#
# State (data, logs, PID files) lives in $PURISTA_BROKERS_DIR/<broker>, default .brokers/ in the
# repository root. Ports can be moved with
# PURISTA_BROKERS_{REDIS,RABBITMQ,RABBITMQ_DIST,NATS,NATS_MONITOR,MQTT,EPMD}_PORT;
# readiness waits are bounded by PURISTA_BROKERS_TIMEOUT seconds (default 60).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${PURISTA_BROKERS_DIR:-$ROOT/.brokers}
TIMEOUT=${PURISTA_BROKERS_TIMEOUT:-60}

REDIS_PORT=${PURISTA_BROKERS_REDIS_PORT:-6390}
RABBITMQ_PORT=${PURISTA_BROKERS_RABBITMQ_PORT:-5673}
RABBITMQ_DIST_PORT=${PURISTA_BROKERS_RABBITMQ_DIST_PORT:-25673}
NATS_PORT=${PURISTA_BROKERS_NATS_PORT:-4223}
NATS_MONITOR_PORT=${PURISTA_BROKERS_NATS_MONITOR_PORT:-8223}
MQTT_PORT=${PURISTA_BROKERS_MQTT_PORT:-1884}
# RabbitMQ's Erlang port mapper gets its own port so that `epmd -kill` never touches another epmd.
EPMD_PORT=${PURISTA_BROKERS_EPMD_PORT:-4370}

BROKERS=(redis rabbitmq nats mosquitto)
PACKAGES=(redis-server rabbitmq-server mosquitto mosquitto-clients nats-server curl)
RABBITMQ_BIN=/usr/lib/rabbitmq/bin

log() {
	echo "brokers: $*" >&2
}

die() {
	log "$*"
	exit 1
}

now_ms() {
	date +%s%3N
}

# ---- packages ----------------------------------------------------------------------------------

missing_packages() {
	local package
	for package in "${PACKAGES[@]}"; do
		if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
			echo "$package"
		fi
	done
}

install_packages() {
	local missing
	missing=$(missing_packages | tr '\n' ' ')
	missing=${missing% }
	[[ -z $missing ]] && return 0
	if [[ $(id -u) -ne 0 ]]; then
		die "missing Debian packages: $missing. Install them (sudo apt-get install -y --no-install-recommends $missing) or run this script as root."
	fi
	local started
	started=$(now_ms)
	log "installing $missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >"$DIR/apt.log" 2>&1 || { tail -n 20 "$DIR/apt.log" >&2; die "apt-get update failed (log: $DIR/apt.log)"; }
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing >>"$DIR/apt.log" 2>&1 \
		|| { tail -n 20 "$DIR/apt.log" >&2; die "apt-get install failed (log: $DIR/apt.log)"; }
	log "installed in $(($(now_ms) - started)) ms"
}

# ---- processes ---------------------------------------------------------------------------------

pid_file() {
	echo "$DIR/$1/$1.pid"
}

# Prints the PID from the broker's PID file when that process is alive and still runs the broker's
# program, so that a recycled PID is never taken for ours.
own_pid() {
	local name=$1 file pid
	file=$(pid_file "$name")
	[[ -f $file ]] || return 1
	pid=$(tr -dc '0-9' <"$file")
	[[ -n $pid ]] && alive "$pid" || return 1
	local program
	case $name in
		redis) program=redis-server ;;
		rabbitmq) program=beam ;;
		nats) program=nats-server ;;
		mosquitto) program=mosquitto ;;
	esac
	runs "$pid" "$program" || return 1
	echo "$pid"
}

# Whether the process's command line contains the given word (no pipe: grep -q would end the pipe early).
runs() {
	local cmdline
	cmdline=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
	[[ $cmdline == *"$2"* ]]
}

# Whether the process runs. A zombie counts as ended: the brokers are re-parented to PID 1 when `start`
# returns, and PID 1 may reap them only much later.
alive() {
	local state
	state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
	[[ -n $state && $state != Z ]]
}

port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Replaces the calling (background) shell with the given RabbitMQ program, so that $! is its PID.
exec_rabbitmq() {
	exec env HOME="$DIR/rabbitmq/home" \
		RABBITMQ_NODENAME=purista@localhost \
		RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
		RABBITMQ_NODE_PORT="$RABBITMQ_PORT" \
		RABBITMQ_DIST_PORT="$RABBITMQ_DIST_PORT" \
		RABBITMQ_MNESIA_BASE="$DIR/rabbitmq/mnesia" \
		RABBITMQ_LOG_BASE="$DIR/rabbitmq/log" \
		RABBITMQ_PID_FILE="$(pid_file rabbitmq)" \
		RABBITMQ_ENABLED_PLUGINS_FILE="$DIR/rabbitmq/enabled_plugins" \
		RABBITMQ_CONFIG_FILE="$DIR/rabbitmq/rabbitmq" \
		ERL_EPMD_ADDRESS=127.0.0.1 \
		RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}' \
		ERL_EPMD_PORT="$EPMD_PORT" \
		ERL_CRASH_DUMP="$DIR/rabbitmq/erl_crash.dump" \
		"$@"
}

ready() {
	case $1 in
		redis) [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]] ;;
		rabbitmq) port_in_use "$RABBITMQ_PORT" ;;
		nats) curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$NATS_MONITOR_PORT/healthz?js-enabled-only=true" ;;
		mosquitto) timeout 2 mosquitto_pub -V 5 -h 127.0.0.1 -p "$MQTT_PORT" -i purista-probe -t purista/probe -m x >/dev/null 2>&1 ;;
	esac
}

main_port() {
	case $1 in
		redis) echo "$REDIS_PORT" ;;
		rabbitmq) echo "$RABBITMQ_PORT" ;;
		nats) echo "$NATS_PORT" ;;
		mosquitto) echo "$MQTT_PORT" ;;
	esac
}

log_file() {
	case $1 in
		rabbitmq)
			# The node's own log once it has one, else what the start script printed.
			local node_log="$DIR/rabbitmq/log/purista@localhost.log"
			if [[ -s $node_log ]]; then echo "$node_log"; else echo "$DIR/rabbitmq/rabbitmq.log"; fi
			;;
		*) echo "$DIR/$1/$1.log" ;;
	esac
}

# Starts the broker on the data it left in $DIR/<broker> (created when missing).
launch() {
	local name=$1 dir="$DIR/$1"
	mkdir -p "$dir"
	case $name in
		redis)
			# Append-only file, no RDB snapshots. everysec (Redis's default) loses nothing on stop, restart or
			# SIGKILL of Redis (the write is in the kernel already); only a machine crash can lose the last
			# second. `always` would fsync every write and slow the tests for no gain on a test machine.
			redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$dir" --save "" \
				--appendonly yes --appendfsync everysec --appenddirname appendonly \
				--daemonize no --pidfile "$(pid_file redis)" \
				</dev/null >>"$dir/redis.log" 2>&1 &
			;;
		rabbitmq)
			mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"
			echo '[].' >"$dir/enabled_plugins"
			printf 'listeners.tcp.default = 127.0.0.1:%s\n' "$RABBITMQ_PORT" >"$dir/rabbitmq.conf"
			exec_rabbitmq "$RABBITMQ_BIN/rabbitmq-server" </dev/null >>"$dir/rabbitmq.log" 2>&1 &
			echo $! >"$dir/launcher.pid"
			;;
		nats)
			nats-server -a 127.0.0.1 -p "$NATS_PORT" -m "$NATS_MONITOR_PORT" -js -sd "$dir/js" \
				-P "$(pid_file nats)" </dev/null >>"$dir/nats.log" 2>&1 &
			;;
		mosquitto)
			cat >"$dir/mosquitto.conf" <<-EOF
				user root
				pid_file $(pid_file mosquitto)
				listener $MQTT_PORT 127.0.0.1
				allow_anonymous true
				persistence true
				persistence_location $dir/
				autosave_interval 60
				# the default 1000 drops QoS 1 messages queued for a busy online client (the contract's 4000 invocations)
				max_queued_messages 100000
				log_dest stdout
			EOF
			mosquitto -c "$dir/mosquitto.conf" </dev/null >>"$dir/mosquitto.log" 2>&1 &
			;;
	esac
	LAUNCHED_PID=$!
}

# Deletes a stopped broker's data, logs and configuration.
wipe() {
	local name=$1
	if own_pid "$name" >/dev/null; then
		die "$name still runs; not deleting its data"
	fi
	rm -rf "${DIR:?}/$name"
	log "$name data deleted"
}

start_one() {
	local name=$1 pid port started
	if pid=$(own_pid "$name"); then
		if ready "$name"; then
			log "$name already running (pid $pid)"
			return 0
		fi
		log "$name (pid $pid) runs but does not answer; waiting"
	else
		port=$(main_port "$name")
		if port_in_use "$port"; then
			die "$name: port $port on 127.0.0.1 is taken by a process this script did not start. Stop it, or move the port with PURISTA_BROKERS_$(echo "$name" | tr '[:lower:]' '[:upper:]' | sed 's/MOSQUITTO/MQTT/')_PORT."
		fi
		launch "$name"
		pid=$LAUNCHED_PID
	fi
	started=$(now_ms)
	local deadline=$((started + TIMEOUT * 1000))
	until ready "$name"; do
		if ! alive "$pid"; then
			log "$name exited before it was ready; last lines of $(log_file "$name"):"
			tail -n 30 "$(log_file "$name")" >&2 || true
			exit 1
		fi
		if (($(now_ms) > deadline)); then
			log "$name not ready after ${TIMEOUT}s (PURISTA_BROKERS_TIMEOUT); last lines of $(log_file "$name"):"
			tail -n 30 "$(log_file "$name")" >&2 || true
			exit 1
		fi
		sleep 0.05
	done
	# Redis, NATS and Mosquitto write their own PID file; make sure it is there before we report.
	[[ -f $(pid_file "$name") ]] || echo "$pid" >"$(pid_file "$name")"
	log "$name ready on 127.0.0.1:$(main_port "$name") in $(($(now_ms) - started)) ms"
}

stop_one() {
	local name=$1 pid pids=() started
	if pid=$(own_pid "$name"); then
		pids+=("$pid")
	fi
	if [[ $name == rabbitmq && -f $DIR/rabbitmq/launcher.pid ]]; then
		local launcher
		launcher=$(tr -dc '0-9' <"$DIR/rabbitmq/launcher.pid")
		if [[ -n $launcher ]] && alive "$launcher" && runs "$launcher" rabbitmq-server; then
			pids+=("$launcher")
		fi
	fi
	if ((${#pids[@]} == 0)); then
		log "$name not running"
	else
		started=$(now_ms)
		kill -TERM "${pids[@]}" 2>/dev/null || true
		local deadline=$((started + 30000)) running
		while :; do
			running=()
			for pid in "${pids[@]}"; do
				if alive "$pid"; then running+=("$pid"); fi
			done
			((${#running[@]} == 0)) && break
			if (($(now_ms) > deadline)); then
				log "$name did not stop within 30 s; killing ${running[*]}"
				kill -KILL "${running[@]}" 2>/dev/null || true
				break
			fi
			sleep 0.05
		done
		log "$name stopped in $(($(now_ms) - started)) ms"
	fi
	rm -f "$(pid_file "$name")"
	if [[ $name == rabbitmq ]]; then
		rm -f "$DIR/rabbitmq/launcher.pid"
		# epmd outlives the broker; this one listens on our own port, so it is ours to end.
		ERL_EPMD_PORT=$EPMD_PORT epmd -kill >/dev/null 2>&1 || true
	fi
}

# ---- commands ----------------------------------------------------------------------------------

print_env() {
	echo "export PURISTA_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
	echo "export PURISTA_TEST_RABBITMQ_URL=amqp://guest:guest@127.0.0.1:$RABBITMQ_PORT"
	echo "export PURISTA_TEST_NATS_URL=nats://127.0.0.1:$NATS_PORT"
	echo "export PURISTA_TEST_MQTT_URL=tcp://127.0.0.1:$MQTT_PORT"
}

usage() {
	cat >&2 <<-EOF
		usage: $0 start [--clean] [broker...] | stop [broker...] | restart [broker...] | status [broker...] | env
		brokers: ${BROKERS[*]} (mqtt is mosquitto); none named means all
	EOF
	exit 2
}

# Sets SELECTED to the named brokers in the order given, or to all of them when none is named.
select_brokers() {
	SELECTED=()
	local arg
	for arg in "$@"; do
		case $arg in
			redis | rabbitmq | nats | mosquitto) SELECTED+=("$arg") ;;
			mqtt) SELECTED+=(mosquitto) ;;
			*) log "unknown broker or option: $arg"; usage ;;
		esac
	done
	if ((${#SELECTED[@]} == 0)); then SELECTED=("${BROKERS[@]}"); fi
}

start() {
	local clean=false
	if [[ ${1:-} == --clean ]]; then
		clean=true
		shift
	fi
	select_brokers "$@"
	mkdir -p "$DIR"
	install_packages
	local started name
	started=$(now_ms)
	for name in "${SELECTED[@]}"; do
		if $clean; then
			if own_pid "$name" >/dev/null; then stop_one "$name"; fi
			wipe "$name"
		fi
		start_one "$name"
	done
	log "${SELECTED[*]} ready in $(($(now_ms) - started)) ms"
	print_env
}

# Stops the named brokers, or all in the reverse order of starting.
stop() {
	select_brokers "$@"
	local index
	for ((index = ${#SELECTED[@]} - 1; index >= 0; index--)); do
		stop_one "${SELECTED[index]}"
	done
}

restart() {
	select_brokers "$@"
	mkdir -p "$DIR"
	install_packages
	local name
	for name in "${SELECTED[@]}"; do
		stop_one "$name"
		start_one "$name"
	done
}

status() {
	select_brokers "$@"
	local name pid state=0
	for name in "${SELECTED[@]}"; do
		if pid=$(own_pid "$name"); then
			if ready "$name"; then
				echo "$name: running (pid $pid), ready on 127.0.0.1:$(main_port "$name")"
			else
				echo "$name: running (pid $pid), not answering on 127.0.0.1:$(main_port "$name")"
				state=1
			fi
		else
			echo "$name: stopped"
			state=1
		fi
	done
	return $state
}

command=${1:-}
shift || true
case $command in
	start) start "$@" ;;
	stop) stop "$@" ;;
	restart) restart "$@" ;;
	status) status "$@" ;;
	env) print_env ;;
	*) usage ;;
esac
