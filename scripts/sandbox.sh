#!/usr/bin/env bash
# A local soketi for trying Channelscope by hand: ws://127.0.0.1:6001, app app-id / app-key /
# app-secret, client events on, user authentication off (pusher:signin is then ignored).
#   scripts/sandbox.sh [start]   start it in the background (log build/sandbox.log) unless 6001 is taken
#   scripts/sandbox.sh stop      stop the one this script started
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port=6001
host=127.0.0.1
log="$root/build/sandbox.log"
pidfile="$root/build/sandbox.pid"
server="$root/scripts/node/node_modules/@soketi/soketi/bin/server.js"

listening() { (: </dev/tcp/127.0.0.1/"$1") 2>/dev/null; }

# The pid in the pid file, if that process is still our soketi (pids get reused).
sandbox_pid() {
    local pid
    pid="$(cat "$pidfile" 2>/dev/null || true)"
    [ -n "$pid" ] && grep -qa soketi "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

# kill -0 also succeeds on a zombie, and nobody may reap the detached soketi at once.
alive() { [ -r "/proc/$1/stat" ] && [ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" != Z ]; }

answers_ok() { [ "$(curl --noproxy '*' -fsS --max-time 2 "http://$host:$port/" 2>/dev/null)" = OK ]; }

print_credentials() {
    cat <<EOF
soketi sandbox: ws://$host:$port  (REST API: http://$host:$port)
  app id  app-id
  key     app-key
  secret  app-secret
  client events on, user authentication off
  log $log - stop with: scripts/sandbox.sh stop
EOF
}

stop() {
    local pid
    pid="$(sandbox_pid || true)"
    if [ -z "$pid" ]; then
        echo "sandbox: not running (nothing started by this script)"
        rm -f "$pidfile"
        return 0
    fi
    kill -TERM "$pid"
    for _ in $(seq 50); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then
        echo "sandbox: soketi (pid $pid) ignored SIGTERM for 5 s; killing it"
        kill -KILL "$pid"
    fi
    rm -f "$pidfile"
    echo "sandbox: stopped (pid $pid)"
}

start() {
    if [ -n "$(sandbox_pid || true)" ] && answers_ok; then
        echo "sandbox: already running (pid $(sandbox_pid))"
        print_credentials
        return 0
    fi
    if listening "$port"; then
        echo "sandbox: something already listens on $host:$port; not starting another soketi."
        echo "         If it is a soketi with the sandbox settings, these credentials apply:"
        print_credentials
        return 0
    fi
    if [ ! -f "$server" ]; then
        echo "sandbox: soketi is not installed; run scripts/setup.sh --no-build first" >&2
        return 1
    fi

    # The /usage server defaults to 9601, which another soketi may hold.
    local metrics=9601
    while listening "$metrics"; do metrics=$((metrics + 1)); done

    mkdir -p "$root/build"
    # A developer's own SOKETI_* settings must not change the sandbox.
    local v
    for v in $(compgen -e | grep '^SOKETI_' || true); do unset "$v"; done
    SOKETI_HOST=$host SOKETI_PORT=$port \
    SOKETI_METRICS_HOST=127.0.0.1 SOKETI_METRICS_SERVER_PORT=$metrics \
    SOKETI_DEFAULT_APP_ID=app-id SOKETI_DEFAULT_APP_KEY=app-key SOKETI_DEFAULT_APP_SECRET=app-secret \
    SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES=true SOKETI_DEFAULT_APP_USER_AUTHENTICATION=false \
    SOKETI_SHUTDOWN_GRACE_PERIOD=500 FORCE_COLOR=0 \
        setsid nohup node "$server" start </dev/null >"$log" 2>&1 &
    local pid=$!
    echo "$pid" >"$pidfile"

    # soketi starts in about a second, more on a busy machine.
    for _ in $(seq 300); do
        if ! alive "$pid"; then
            echo "sandbox: soketi exited during start-up; last lines of $log:" >&2
            tail -n 20 "$log" >&2
            rm -f "$pidfile"
            return 1
        fi
        answers_ok && break
        sleep 0.1
    done
    if ! answers_ok; then
        echo "sandbox: soketi (pid $pid) did not answer GET / within 30 s; see $log" >&2
        return 1
    fi
    echo "sandbox: started (pid $pid, /usage on port $metrics)"
    print_credentials
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) echo "sandbox.sh: unknown command $1 (start, stop)" >&2; exit 2 ;;
esac
