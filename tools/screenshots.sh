#!/usr/bin/env bash
# Takes the README's screenshots of the desktop client under Xvfb: the main
# window and the transports panel, light and dark, English and Chinese,
# plus one at 2x to check high-DPI rendering. Writes PNGs into docs/.
#
#   tools/screenshots.sh            (uses $LONGLINK_BUILD_DIR or ./build)
#
# Needs xvfb (xvfb-run), mosquitto and a CJK font (fonts-wqy-microhei);
# ./dev installs them. A local broker and three chat participants are
# started for the pictures and stopped afterwards.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${LONGLINK_BUILD_DIR:-$ROOT/build}"
OUT="$ROOT/docs"
JOBS="${LONGLINK_JOBS:-1}"

say() { printf '\033[1m[screenshots]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[screenshots]\033[0m %s\n' "$*" >&2; exit 1; }

command -v xvfb-run >/dev/null || die "xvfb-run is missing (apt-get install xvfb xauth)"
command -v mosquitto >/dev/null || die "mosquitto is missing (apt-get install mosquitto)"
[ -f "$BUILD/build.ninja" ] || cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
targets=(longlink longlink-cli)
# The test tree's plugins make the transports panel show more than one row.
ninja -C "$BUILD" -t targets all 2>/dev/null | grep -q '^longlink_ui_test_tcp_v11:' \
    && targets+=(longlink_ui_test_tcp_v11 longlink_test_plugins)
cmake --build "$BUILD" --parallel "$JOBS" --target "${targets[@]}"

WORK="$(mktemp -d)"
pids=()
cleanup() {
    for fd in 5 6 7; do eval "exec $fd>&-" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$WORK/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
set_tcp_nodelay true
persistence true
persistence_location $WORK/
max_queued_messages 0
log_dest file $WORK/mosquitto.log
CONF
[ "$(id -u)" -eq 0 ] && echo "user root" >> "$WORK/mosquitto.conf"
mosquitto -c "$WORK/mosquitto.conf" & pids+=($!)
sleep 0.5
SERVER="mqtt://127.0.0.1:$port"
CLI="$BUILD/bin/longlink-cli"

# A transports folder with something to show: a newer tcp, a rejected file.
PLUGINS="$WORK/plugins"
mkdir -p "$PLUGINS"
chmod 755 "$PLUGINS"
v11="$(find "$BUILD" -path '*tcp-v11/liblonglink-tcp.so' | head -n1)"
[ -n "$v11" ] && cp "$v11" "$PLUGINS/liblonglink-tcp-1.1.0.so"
wrong="$(find "$BUILD" -path '*plugins/wrongiid/*.so' | head -n1)"
[ -n "$wrong" ] && cp "$wrong" "$PLUGINS/liblonglink-experimental.so"
head -c 6000 "$BUILD/lib/longlink/transports/liblonglink-tcp.so" > "$PLUGINS/liblonglink-half-copied.so" 2>/dev/null \
    || head -c 6000 "$(find "$BUILD" -name liblonglink-tcp.so | head -n1)" > "$PLUGINS/liblonglink-half-copied.so"

# participant NAME FD ROOM...: a CLI fed through a FIFO on file descriptor FD.
participant() {
    local name="$1" fd="$2"; shift 2
    local rooms=()
    for room in "$@"; do rooms+=(--room "$room"); done
    mkfifo "$WORK/$name.in"
    "$CLI" --server "$SERVER" --user "$name" "${rooms[@]}" --data-dir "$WORK/$name" \
        < "$WORK/$name.in" > "$WORK/$name.out" 2> "$WORK/$name.err" 5>&- 6>&- 7>&- & pids+=($!)
    last_pid=$!
    eval "exec $fd>\"$WORK/$name.in\""
}
line() { # line FD TEXT
    printf '%s\n' "$2" >&"$1"
    sleep 0.35
}

say "seeding a conversation on $SERVER"
participant alice 5 lobby random transports
alice_pid=$last_pid
participant bob 6 lobby random transports
participant carol 7 lobby
sleep 1.5
# last_id NAME: the id of NAME's newest message (its "queued" line).
last_id() {
    sleep 0.3
    grep '"event":"queued"' "$WORK/$1.out" | tail -n1 | sed 's/.*"id":"\([^"]*\)".*/\1/'
}
line 5 "Morning! Is the new transport build out yet?"
question=$(last_id alice)
line 6 "/reply $question Yes — tcp 1.1.0 is in the shared folder since 9:00."
line 6 "Release notes: https://longlink.invalid/notes/1.1"
line 7 "大家好！新的传输插件已经上线了。"
line 5 "Dropping it into my plugins folder now."
line 5 "Done. The status bar said: 1.0.0 → 1.1.0 in 41 ms, 0 messages affected."
line 5 "/edit $(last_id alice) Done. The status bar said: 1.0.0 → 1.1.0 in 14 ms, 0 messages affected."
line 7 "(wrong window, sorry)"
line 7 "/delete $(last_id carol)"
line 6 "No reconnect, no lost messages. That is the whole point :)"
line 7 "I'll try the websocket one after lunch."
line 6 "/room transports"
line 6 "Plugin folder permissions are checked: group-writable files are refused."
exec 5>&- # alice leaves: the GUI takes over her data folder
for _ in $(seq 1 100); do kill -0 "$alice_pid" 2>/dev/null || break; sleep 0.1; done

mkdir -p "$OUT"
shoot() { # shoot THEME LANG [SCALE]
    local theme="$1" lang="$2" scale="${3:-1}" name="$1-$2"
    [ "$scale" != 1 ] && name="$name@${scale}x"
    # Something unread in another room, delivered when the client connects.
    line 6 "/room random"
    line 6 "Anyone up for lunch at 12:30?"
    line 6 "/room lobby"
    sleep 0.5
    say "main window and transports panel: $name"
    QT_SCALE_FACTOR="$scale" LONGLINK_LOG=quiet xvfb-run -a -s "-screen 0 2600x1600x24 -dpi 96" \
        "$BUILD/bin/longlink" --server "$SERVER" --user alice --room lobby \
        --data-dir "$WORK/alice" --transports "$PLUGINS" \
        --theme "$theme" --language "$lang" --screenshot "$WORK/shot" 5>&- 6>&- 7>&- \
        || die "longlink failed for $name"
    mv "$WORK/shot-main.png" "$OUT/main-$name.png"
    mv "$WORK/shot-transports.png" "$OUT/transports-$name.png"
}
for theme in light dark; do
    for lang in en zh_CN; do
        shoot "$theme" "$lang"
    done
done
shoot light en 2
say "written: $(cd "$OUT" && ls ./*.png | tr '\n' ' ')"
