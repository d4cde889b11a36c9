#!/usr/bin/env bash
# Tests scripts/brokers.sh against real Redis and RabbitMQ (about 30 s, most of it RabbitMQ starting twice):
# data survives `restart` and `stop`/`start`, `start --clean` empties a broker, `stop <broker>` stops only
# that broker, and a durable RabbitMQ queue survives a restart. Exits non-zero at the first failed check.
#
# It runs its brokers in a fresh directory under .brokers/ (deleted at the end), on the ports of the
# PURISTA_BROKERS_*_PORT variables like brokers.sh itself, so those ports must be free: run it before
# `scripts/brokers.sh start`, or move the ports. Every wait is bounded.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BROKERS="$ROOT/scripts/brokers.sh"
mkdir -p "$ROOT/.brokers"
PURISTA_BROKERS_DIR=$(mktemp -d "$ROOT/.brokers/selftest.XXXXXX")
export PURISTA_BROKERS_DIR
REDIS_PORT=${PURISTA_BROKERS_REDIS_PORT:-6390}
EPMD_PORT=${PURISTA_BROKERS_EPMD_PORT:-4370}
RABBITMQ_DIST_PORT=${PURISTA_BROKERS_RABBITMQ_DIST_PORT:-25673}
QUEUE=purista-selftest
STARTED=$(date +%s)
CHECKS=0

cleanup() {
	"$BROKERS" stop >/dev/null 2>&1 || true
	rm -rf "${PURISTA_BROKERS_DIR:?}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
	echo "test-brokers: FAILED: $*" >&2
	exit 1
}

pass() {
	CHECKS=$((CHECKS + 1))
	echo "test-brokers: ok $CHECKS - $*" >&2
}

brokers() {
	timeout 120 "$BROKERS" "$@" >/dev/null 2>>"$PURISTA_BROKERS_DIR/brokers.log" \
		|| { tail -n 20 "$PURISTA_BROKERS_DIR/brokers.log" >&2; fail "brokers.sh $* exited with $?"; }
}

redis() {
	timeout 5 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" "$@"
}

rabbitmqctl() {
	timeout 30 env HOME="$PURISTA_BROKERS_DIR/rabbitmq/home" ERL_EPMD_PORT="$EPMD_PORT" \
		RABBITMQ_DIST_PORT="$RABBITMQ_DIST_PORT" \
		/usr/lib/rabbitmq/bin/rabbitmqctl -q -n purista@localhost "$@"
}

# Prints "running" or "stopped" as `brokers.sh status <broker>` reports it.
state() {
	local line
	line=$(timeout 30 "$BROKERS" status "$1" 2>/dev/null) || true
	case $line in
		"$1: running"*) echo running ;;
		*) echo stopped ;;
	esac
}

expect_key() {
	local value
	value=$(redis get purista:selftest) || fail "redis does not answer"
	[[ $value == "$1" ]] || fail "purista:selftest is '$value', expected '$1' $2"
}

brokers start redis
[[ $(state redis) == running && $(state rabbitmq) == stopped ]] || fail "start redis started more than redis"
pass "start redis starts only redis"

[[ $(redis set purista:selftest kept) == OK ]] || fail "SET failed"
brokers restart redis
expect_key kept "after restart redis"
pass "restart redis keeps a key"

brokers stop redis
[[ $(state redis) == stopped ]] || fail "stop redis left redis running"
brokers start redis
expect_key kept "after stop and start"
pass "stop redis, start redis keeps a key"

brokers start --clean redis
expect_key "" "after start --clean"
[[ $(redis dbsize) == 0 ]] || fail "start --clean left keys behind"
pass "start --clean redis empties redis"

[[ $(redis set purista:selftest again) == OK ]] || fail "SET failed"
brokers start rabbitmq
rabbitmqctl eval "rabbit_amqqueue:declare(rabbit_misc:r(<<\"/\">>, queue, <<\"$QUEUE\">>), true, false, [], none, <<\"selftest\">>)." >/dev/null \
	|| fail "could not declare the durable queue $QUEUE"
brokers restart rabbitmq
queues=$(rabbitmqctl list_queues name durable) || fail "list_queues failed"
grep -qx "${QUEUE}[[:space:]]true" <<<"$queues" || fail "durable queue $QUEUE gone after restart rabbitmq: $queues"
pass "restart rabbitmq keeps a durable queue"

brokers stop rabbitmq
[[ $(state rabbitmq) == stopped ]] || fail "stop rabbitmq left rabbitmq running"
[[ $(state redis) == running ]] || fail "stop rabbitmq stopped redis too"
expect_key again "after stop rabbitmq"
pass "stop rabbitmq stops only rabbitmq"

echo "test-brokers: all $CHECKS checks passed in $(($(date +%s) - STARTED)) s" >&2
