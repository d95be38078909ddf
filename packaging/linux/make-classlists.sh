#!/usr/bin/env bash
# Writes packaging/linux/tray.classlist and login.classlist: the classes the tray app loads from its start until
# it has checked the network and sits idle, and those the login window's process loads until a portal's page is
# painted, as the JVM lists them (-XX:DumpLoadedClassList), for make-class-archives.sh. Run it again when a start
# path changes (new libraries, a new tray, ...): DebPackageSystemTest fails when the installed app loads too few of
# its classes from its archive.
#
#   packaging/linux/make-classlists.sh       (after mvn -B -DskipTests package; needs Xvfb, trayer, dbus-daemon,
#                                            dunst, status-notifier-watcher, python3)
#
# The tray: three starts on a private X display and session bus, their lists merged: the AWT tray with a
# notification service on the bus (X11 panels) and the StatusNotifierItem tray (with status-notifier-watcher), each
# checking a loopback portal that redirects (the captive path, with the login link read from the page), and the AWT
# tray once online. The login window: its process on its own, driven over stdin as the tray drives it (open the
# portal's page, wait until it is painted, close).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=$root/target/app/captivewatch.jar
out=$root/packaging/linux/tray.classlist
out_login=$root/packaging/linux/login.classlist
[ -f "$jar" ] || { echo "$jar missing: run mvn -B -DskipTests package first" >&2; exit 2; }
for t in Xvfb trayer dbus-daemon dunst status-notifier-watcher python3 xwininfo; do
  command -v "$t" >/dev/null || { echo "missing tool: $t" >&2; exit 2; }
done
tmp=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
display=""
for d in $(seq 140 180); do [ -e "/tmp/.X11-unix/X$d" ] || [ -e "/tmp/.X$d-lock" ] || { display=":$d"; break; }; done
[ -n "$display" ] || { echo "no free X display" >&2; exit 1; }
export DISPLAY=$display
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & pids+=($!)
for _ in $(seq 100); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done
trayer --edge top --align right --widthtype request --height 32 --SetDockType true --transparent false >/dev/null 2>&1 & pids+=($!)
# a loopback "portal": /generate_204 redirects to /login (a page with a form) or, in online mode, answers 204
cat >"$tmp/portal.py" <<'PY'
import http.server, sys
mode = {"m": sys.argv[2]}
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_GET(self):
        if self.path == "/generate_204" and mode["m"] == "online":
            self.send_response(204); self.end_headers(); return
        if self.path == "/generate_204":
            self.send_response(302); self.send_header("Location", "http://127.0.0.1:%s/login?x=1" % sys.argv[1]); self.end_headers(); return
        body = b"<html><head><title>Wi-Fi</title></head><body><form method=post action=/login><input name=tos type=checkbox><button>Connect</button></form></body></html>"
        self.send_response(200); self.send_header("Content-Type", "text/html"); self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
port_online=$(( 20000 + RANDOM % 10000 )); port_captive=$(( port_online + 1 ))
python3 "$tmp/portal.py" "$port_online" online & pids+=($!)
python3 "$tmp/portal.py" "$port_captive" captive & pids+=($!)
sleep 0.5
run() {  # run NAME PROBE_URL [with-watcher]
  local name=$1 url=$2 bus="$tmp/bus-$1" bpids=()
  dbus-daemon --session --nofork --address="unix:path=$bus" >/dev/null 2>&1 & bpids+=($!)
  for _ in $(seq 100); do [ -S "$bus" ] && break; sleep 0.05; done
  DBUS_SESSION_BUS_ADDRESS="unix:path=$bus" dunst >/dev/null 2>&1 & bpids+=($!)
  [ "${3:-}" = with-watcher ] && { DBUS_SESSION_BUS_ADDRESS="unix:path=$bus" status-notifier-watcher >/dev/null 2>&1 & bpids+=($!); }
  sleep 0.5
  # (on the captive portal the app also starts its login window: that is its own process, not listed here)
  mkdir -p "$tmp/cfg-$name"
  DBUS_SESSION_BUS_ADDRESS="unix:path=$bus" timeout 60 java -XX:DumpLoadedClassList="$tmp/$name.lst" -Dcaptivewatch.debug=true \
      -jar "$jar" --probe "$url" --config "$tmp/cfg-$name" --minimized >"$tmp/$name.log" 2>&1 & local app=$!
  for _ in $(seq 300); do grep -q 'captivewatch-debug: state .*checking=false' "$tmp/$name.log" && break; sleep 0.1; done
  grep -q 'captivewatch-debug: state .*checking=false' "$tmp/$name.log" || { echo "$name: the app never finished a check" >&2; tail "$tmp/$name.log" >&2; exit 1; }
  sleep 5   # idle a little: the timers and the tray's first updates
  kill "$app"; wait "$app" 2>/dev/null || true
  for p in "${bpids[@]}"; do kill "$p" 2>/dev/null || true; done
  echo "$name: $(grep -vc '^#' "$tmp/$name.lst") lines ($(grep '^captivewatch-debug: ui ' "$tmp/$name.log" | head -1))" >&2
}
run awt-captive "http://127.0.0.1:$port_captive/generate_204"
run sni-captive "http://127.0.0.1:$port_captive/generate_204" with-watcher
run awt-online "http://127.0.0.1:$port_online/generate_204"
{
  echo "# The classes the CaptiveWatch tray app loads at start (AWT and SNI trays, a captive and an online check), for"
  echo "# make-class-archives.sh. Generated by packaging/linux/make-classlists.sh with $(java -version 2>&1 | head -1)."
  # each list in load order; lines after the first list's are added where they first appear
  cat "$tmp/awt-captive.lst" "$tmp/sni-captive.lst" "$tmp/awt-online.lst" | grep -v '^#' | awk '!seen[$0]++'
} >"$out"
echo "wrote $out ($(grep -vc '^#' "$out") lines)" >&2

# the login window's process, as LoginWindowProcess starts and drives it
mkfifo "$tmp/login.in"
timeout 60 java -XX:DumpLoadedClassList="$tmp/login.lst" -Dcaptivewatch.debug=true -cp "$jar" io.captivewatch.Main --login-window \
    <"$tmp/login.in" >"$tmp/login.out" 2>"$tmp/login.err" & login=$!
exec 7>"$tmp/login.in"
echo "open http://127.0.0.1:$port_captive/login?x=1" >&7
for _ in $(seq 300); do grep -q 'captivewatch-debug: login page painted' "$tmp/login.err" && break; sleep 0.1; done
grep -q 'captivewatch-debug: login page painted' "$tmp/login.err" || { echo "login: the page was never painted" >&2; tail "$tmp/login.err" >&2; exit 1; }
sleep 2   # the window settles: its timers, the status line
echo close >&7
exec 7>&-
wait "$login" || true
{
  echo "# The classes CaptiveWatch's login-window process loads until a portal's page is painted, for"
  echo "# make-class-archives.sh. Generated by packaging/linux/make-classlists.sh with $(java -version 2>&1 | head -1)."
  grep -v '^#' "$tmp/login.lst"
} >"$out_login"
echo "wrote $out_login ($(grep -vc '^#' "$out_login") lines)" >&2
