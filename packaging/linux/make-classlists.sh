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
for t in Xvfb trayer dbus-daemon dunst status-notifier-watcher python3 xwininfo gdbus curl; do
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
xwininfo -root >/dev/null 2>&1 || { echo "Xvfb did not start" >&2; exit 1; }
trayer --edge top --align right --widthtype request --height 32 --SetDockType true --transparent false >/dev/null 2>&1 & pids+=($!)
# trayer's window comes before it owns the tray selection: ask AWT, as the app will, until it sees a tray
cat >"$tmp/TrayCheck.java" <<'JAVA'
public class TrayCheck { public static void main(String[] a) { System.exit(java.awt.SystemTray.isSupported() ? 0 : 3); } }
JAVA
until_ok() {  # until_ok SECONDS WHAT CMD...: poll CMD every 0.1 s; fail the script after SECONDS
  local limit=$(( $(date +%s) + $1 )) what=$2; shift 2
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$limit" ] || { echo "gave up waiting for $what" >&2; exit 1; }
    sleep 0.1
  done
}
until_ok 30 "trayer's tray selection" java -Djava.awt.headless=false "$tmp/TrayCheck.java"
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
until_ok 15 "the online portal" curl -sf -o /dev/null "http://127.0.0.1:$port_online/generate_204"
until_ok 15 "the captive portal" curl -sf -o /dev/null "http://127.0.0.1:$port_captive/login"
owned() { DBUS_SESSION_BUS_ADDRESS="unix:path=$1" gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
            --method org.freedesktop.DBus.NameHasOwner "$2" | grep -q true; }
run() {  # run NAME PROBE_URL TRAY (AwtTray, or SniTray: with a StatusNotifierWatcher on the bus)
  local name=$1 url=$2 tray=$3 bus="$tmp/bus-$1" bpids=()
  dbus-daemon --session --nofork --address="unix:path=$bus" >/dev/null 2>&1 & bpids+=($!)
  until_ok 10 "the session bus" test -S "$bus"
  DBUS_SESSION_BUS_ADDRESS="unix:path=$bus" dunst >/dev/null 2>&1 & bpids+=($!)
  until_ok 15 "dunst on the bus" owned "$bus" org.freedesktop.Notifications
  if [ "$tray" = SniTray ]; then
    DBUS_SESSION_BUS_ADDRESS="unix:path=$bus" status-notifier-watcher >/dev/null 2>&1 & bpids+=($!)
    until_ok 15 "status-notifier-watcher on the bus" owned "$bus" org.kde.StatusNotifierWatcher
  fi
  # (on the captive portal the app also starts its login window: that is its own process, not listed here)
  mkdir -p "$tmp/cfg-$name"
  DBUS_SESSION_BUS_ADDRESS="unix:path=$bus" timeout 60 java -XX:DumpLoadedClassList="$tmp/$name.lst" -Dcaptivewatch.debug=true \
      -jar "$jar" --probe "$url" --config "$tmp/cfg-$name" --minimized >"$tmp/$name.log" 2>&1 & local app=$!
  for _ in $(seq 300); do grep -q 'captivewatch-debug: state .*checking=false' "$tmp/$name.log" && break; sleep 0.1; done
  grep -q 'captivewatch-debug: state .*checking=false' "$tmp/$name.log" || { echo "$name: the app never finished a check" >&2; tail "$tmp/$name.log" >&2; exit 1; }
  grep -q "^captivewatch-debug: ui $tray\$" "$tmp/$name.log" || { echo "$name: the app did not choose the $tray" >&2; grep 'captivewatch-debug: ui' "$tmp/$name.log" >&2; exit 1; }
  sleep 5   # idle a little: the timers and the tray's first updates
  kill "$app"; wait "$app" 2>/dev/null || true
  for p in "${bpids[@]}"; do kill "$p" 2>/dev/null || true; done
  echo "$name: $(grep -vc '^#' "$tmp/$name.lst") lines ($(grep '^captivewatch-debug: ui ' "$tmp/$name.log" | head -1))" >&2
}
run awt-captive "http://127.0.0.1:$port_captive/generate_204" AwtTray
run sni-captive "http://127.0.0.1:$port_captive/generate_204" SniTray
run awt-online "http://127.0.0.1:$port_online/generate_204" AwtTray
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
until_ok 30 "the login window's page painted" grep -q 'captivewatch-debug: login page painted' "$tmp/login.err"
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
