#!/usr/bin/env bash
# The CaptiveWatch portal lab: a real openNDS captive portal in three network namespaces.
#
#   cw-client (eth0, DHCP) --veth-- cw-gw (gw-lan 10.99.0.1 | gw-wan 10.99.1.1) --veth-- cw-inet (eth0 10.99.1.2)
#
# cw-gw runs openNDS (portal, RFC 8908 API at http://status.client, RFC 8910 option 114) and dnsmasq
# (DHCP + DNS mapping the vendor probe hostnames to cw-inet); cw-inet runs probe_server.py; cw-client takes
# its address with busybox udhcpc and CaptiveWatch's udhcpc hook (which records option 114).
# HTTPS probes: cw-inet also serves the paths on 443 with a certificate from a throwaway lab CA
# ($STATE/tls/ca.pem); clients that should trust it must be told to (the Java test uses a trust store).
# Nothing leaves these namespaces: dnsmasq has no upstream and cw-inet has no default route.
#
# usage: lab.sh up [--no-dhcp] [--portal-name] | dhcp | down | status | client-mac | custom-dns on|off | vpn-route on|off
#        | ndsctl ARGS... | client CMD... | gw CMD...
# Needs root and the packages in packages.txt. See README.md.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
GW=cw-gw CLIENT=cw-client INET=cw-inet
STATE=/run/captivewatch-lab
HOOK="$HERE/../../main/resources/io/captivewatch/core/capport/udhcpc-captivewatch.sh"
PORTAL_FQDN=portal.hotel.lan PORTAL_NAME=0 FAS_PORT=2080
LEASE_DIR=/run/captivewatch/dhcp          # the hook's default: what CaptiveWatch's discovery reads
VENDOR_HOSTS="connectivitycheck.gstatic.com connectivitycheck.android.com clients1.google.com clients3.google.com
  www.google.com captive.apple.com www.apple.com www.msftconnecttest.com www.msftncsi.com ipv6.msftconnecttest.com
  detectportal.firefox.com nmcheck.gnome.org network-test.debian.org connectivity-check.ubuntu.com
  fedoraproject.org static.fedoraproject.org"

log() { echo "lab: $*" >&2; }
die() { echo "lab: ERROR: $*" >&2; exit 1; }
ms() { date +%s%3N; }

# wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND every 50 ms until it succeeds, bounded.
wait_for() {
  local limit=$1 what=$2; shift 2
  local end=$(( $(ms) + limit * 1000 ))
  until "$@" >/dev/null 2>&1; do
    [ "$(ms)" -lt "$end" ] || { log "timed out after ${limit}s waiting for $what"; return 1; }
    sleep 0.05
  done
}

in_gw_mounts() { # runs a command in openNDS's mount + network namespace (its private /etc, /run, /tmp)
  local pid; pid=$(cat "$STATE/opennds.pid")
  nsenter -t "$pid" -m -n -- "$@"
}

require() {
  [ "$(id -u)" = 0 ] || die "must run as root (network namespaces)"
  local missing=()
  for c in ip nsenter opennds ndsctl nft dnsmasq busybox curl python3 timeout openssl; do
    command -v "$c" >/dev/null || missing+=("$c")
  done
  [ ${#missing[@]} = 0 ] || die "missing commands: ${missing[*]} (apt-get install \$(grep -v '^#' $HERE/packages.txt))"
}

alive() { # a pid that exists and is not a zombie (PID 1 here may reap late)
  [ -r "/proc/$1/stat" ] || return 1
  local st; st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}

kill_pidfile() {
  local f=$1 pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f" 2>/dev/null || true)
  if [ -n "$pid" ] && alive "$pid"; then
    kill "$pid" 2>/dev/null || true
    local end=$(( $(ms) + 3000 ))
    while alive "$pid" && [ "$(ms)" -lt "$end" ]; do sleep 0.02; done
    alive "$pid" && { log "pid $pid ignored SIGTERM: killing it"; kill -9 "$pid" 2>/dev/null || true; }
  fi
  rm -f "$f"
}

down() {
  local t0; t0=$(ms)
  kill_pidfile "$STATE/dnsmasq.pid"
  kill_pidfile "$STATE/opennds.pid"
  kill_pidfile "$STATE/probe_server.pid"
  kill_pidfile "$STATE/custom_dns.pid"
  kill_pidfile "$STATE/fas.pid"
  # Anything else still running inside the lab namespaces was started by this lab (udhcpc, test commands).
  for ns in $CLIENT $GW $INET; do
    if ip netns list | grep -qw "^$ns"; then
      for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    fi
  done
  for ns in $CLIENT $GW $INET; do
    ip netns list | grep -qw "^$ns" && ip netns del "$ns" 2>/dev/null || true
    rm -rf "/etc/netns/$ns"
  done
  if [ -f "$LEASE_DIR/eth0.lease" ] && grep -q '^ip=10\.99\.0\.' "$LEASE_DIR/eth0.lease"; then
    rm -f "$LEASE_DIR/eth0.lease"
  fi
  rmdir "$LEASE_DIR" /run/captivewatch /etc/netns 2>/dev/null || true
  rm -rf "$STATE"
  log "down in $(( $(ms) - t0 )) ms"
}

write_gw_config() { # $1 = directory that becomes the gw's /etc overlay upper layer
  local up=$1
  mkdir -p "$up/opennds"
  { cat <<'CONF'
# openNDS 9.10 legacy config for the CaptiveWatch lab (option names lower-case: its helpers grep them)
gatewayinterface gw-lan
gatewayname CaptiveWatchLab
login_option_enabled 1
checkinterval 600
maxclients 50
FirewallRuleSet authenticated-users {
}
FirewallRuleSet preauthenticated-users {
}
FirewallRuleSet users-to-router {
    FirewallRule allow udp port 53
    FirewallRule allow tcp port 53
    FirewallRule allow udp port 67
}
CONF
  } > "$up/opennds/opennds.conf"
  if [ "$PORTAL_NAME" = 1 ]; then
    # --portal-name: a hotel-style FAS (hotel_fas.py) at a name only this network's DNS knows. openNDS's own
    # splash (PreAuth) always redirects by address and ignores fasremotefqdn ("Preauth is Enabled - Overriding
    # FAS configuration"), so PreAuth is off and openNDS redirects to http://$PORTAL_FQDN:$FAS_PORT/login?authaction=...
    sed -i -e 's/^login_option_enabled 1$/login_option_enabled 0/' \
      -e "s/^    FirewallRule allow udp port 67$/&\n    FirewallRule allow tcp port $FAS_PORT/" "$up/opennds/opennds.conf"
    printf 'fasport %s\nfasremoteip 10.99.0.1\nfasremotefqdn %s\nfaspath /login\nfas_secure_enabled 0\n' \
      "$FAS_PORT" "$PORTAL_FQDN" >> "$up/opennds/opennds.conf"
  fi
  {
    echo "# dnsmasq for the CaptiveWatch lab (openNDS appends its option 114 line below at start)"
    echo "interface=gw-lan"
    echo "bind-interfaces"
    echo "no-resolv"
    echo "dhcp-range=10.99.0.100,10.99.0.150,255.255.255.0,1h"
    echo "dhcp-option=option:router,10.99.0.1"
    echo "dhcp-option=option:dns-server,10.99.0.1"
    echo "dhcp-authoritative"
    echo "no-ping"
    for h in $VENDOR_HOSTS; do echo "address=/$h/10.99.1.2"; done
    echo "address=/$PORTAL_FQDN/10.99.0.1"   # the portal's own name: only this DNS knows it
  } > "$up/dnsmasq.conf"
}

make_tls() { # a throwaway CA and a certificate for the vendor names, so HTTPS probes can succeed in the lab
  local d=$1 san="" h
  mkdir -p "$d"
  for h in $VENDOR_HOSTS; do san="${san:+$san,}DNS:$h"; done
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=CaptiveWatch lab CA" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign \
    -keyout "$d/ca.key" -out "$d/ca.pem" 2>/dev/null
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=lab inet" \
    -keyout "$d/server.key" -out "$d/server.csr" 2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' "$san" > "$d/ext.cnf"
  openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial -days 2 \
    -extfile "$d/ext.cnf" -out "$d/server.pem" 2>/dev/null
  [ -s "$d/server.pem" ] || die "could not make the lab's TLS certificate (openssl)"
}

start_opennds() { # one attempt; 0 when openNDS runs and answers ndsctl
  local attempt=$1 logf="$STATE/opennds.log"
  : > "$logf"
  mkdir -p "$STATE/gw"
  # ip netns exec gives the command its own mount namespace: mount a private /etc (overlay), /run,
  # /tmp and /var/lib/misc there, so openNDS's edits of /etc/dnsmasq.conf and /etc/hosts stay in the lab.
  ip netns exec $GW bash -c '
    set -e
    st=$1
    mount -t tmpfs -o size=16m tmpfs "$st/gw"
    mkdir -p "$st/gw/upper" "$st/gw/work"
    cp -a "$st/gwconf/." "$st/gw/upper/"
    mount -t overlay overlay -o lowerdir=/etc,upperdir="$st/gw/upper",workdir="$st/gw/work" /etc
    mount -t tmpfs -o size=16m tmpfs /tmp
    mount -t tmpfs -o size=16m tmpfs /var/lib/misc
    mount -t tmpfs -o size=16m tmpfs /run
    mkdir -p /run/tmpfiles.d
    exec opennds -f -d 2
  ' lab "$STATE" >>"$logf" 2>&1 &
  echo $! > "$STATE/opennds.pid"
  local pid=$!
  # Read only the log while it starts (polling ndsctl during start-up races its helper scripts).
  if ! wait_for 15 "openNDS start (attempt $attempt)" grep -q "openNDS is now running" "$logf"; then
    kill_pidfile "$STATE/opennds.pid"; return 1
  fi
  sleep 2 # openNDS 9.10 helper threads are still settling; see PORTAL-LAB.md "Trap"
  alive "$pid" || { log "openNDS exited after start (attempt $attempt)"; return 1; }
  timeout 5 nsenter -t "$pid" -m -n -- ndsctl status >"$STATE/ndsctl-status.txt" 2>&1 \
    || { log "ndsctl status failed (attempt $attempt)"; kill_pidfile "$STATE/opennds.pid"; return 1; }
}

up() { # --no-dhcp: everything but the client's lease (take it later with 'lab.sh dhcp');
  # --portal-name: openNDS redirects to its splash by the name $PORTAL_FQDN (see write_gw_config)
  local no_dhcp=0 a
  for a in "$@"; do
    case "$a" in
      --no-dhcp) no_dhcp=1 ;;
      --portal-name) PORTAL_NAME=1 ;;
      *) die "up: unknown option $a (only --no-dhcp, --portal-name)" ;;
    esac
  done
  require
  local t0; t0=$(ms)
  if ip netns list | grep -qwE "^($GW|$CLIENT|$INET)" || [ -d "$STATE" ]; then
    log "leftovers from an earlier lab: tearing them down first"
    down
  fi
  mkdir -p "$STATE"
  for ns in $GW $CLIENT $INET; do ip netns add $ns; done
  mkdir -p /etc/netns/$CLIENT
  echo "nameserver 10.99.0.1" > /etc/netns/$CLIENT/resolv.conf

  ip link add gw-lan netns $GW type veth peer name eth0 netns $CLIENT
  ip link add gw-wan netns $GW type veth peer name eth0 netns $INET
  for ns in $GW $CLIENT $INET; do ip -n $ns link set lo up; done
  ip -n $GW addr add 10.99.0.1/24 dev gw-lan
  ip -n $GW addr add 10.99.1.1/24 dev gw-wan
  ip -n $GW link set gw-lan up
  ip -n $GW link set gw-wan up
  ip -n $GW route add default via 10.99.1.2
  ip netns exec $GW sysctl -qw net.ipv4.ip_forward=1
  ip -n $INET addr add 10.99.1.2/24 dev eth0
  ip -n $INET addr add 10.99.2.10/32 dev lo
  ip -n $INET link set eth0 up
  ip -n $INET route add 10.99.0.0/24 via 10.99.1.1
  ip -n $CLIENT link set eth0 up

  make_tls "$STATE/tls"
  ip netns exec $INET python3 "$HERE/probe_server.py" 0.0.0.0 80 443 "$STATE/tls/server.pem" "$STATE/tls/server.key" \
    >"$STATE/probe_server.log" 2>&1 &
  echo $! > "$STATE/probe_server.pid"
  wait_for 5 "probe server" grep -q "listening" "$STATE/probe_server.log" || die "probe server did not start"
  # openNDS checks its upstream's ARP entry: talk to the inet server once.
  ip netns exec $GW curl -s -m 3 -o /dev/null http://10.99.1.2/generate_204 || die "gw cannot reach inet"

  # Debian's iptables-nft 1.8.9 makes openNDS rename the filter chains and fail; pre-created chains whose
  # comment says "priority -100" pass its check (PORTAL-LAB.md).
  ip netns exec $GW nft -f - <<'NFT'
table ip filter {
  chain INPUT { type filter hook input priority 0; policy accept; comment "priority -100"; }
  chain FORWARD { type filter hook forward priority 0; policy accept; comment "priority -100"; }
  chain OUTPUT { type filter hook output priority 0; policy accept; }
}
NFT
  write_gw_config "$STATE/gwconf"
  if [ "$PORTAL_NAME" = 1 ]; then
    ip netns exec $GW python3 "$HERE/hotel_fas.py" 10.99.0.1 "$FAS_PORT" "$PORTAL_FQDN" >"$STATE/fas.log" 2>&1 &
    echo $! > "$STATE/fas.pid"
    wait_for 5 "hotel FAS" grep -q "listening" "$STATE/fas.log" || die "hotel FAS did not start"
  fi
  local t1; t1=$(ms)
  local ok=0
  for attempt in 1 2 3; do
    if start_opennds $attempt; then ok=1; break; fi
    cp "$STATE/opennds.log" "$STATE/opennds-attempt$attempt.log" 2>/dev/null || true
  done
  [ $ok = 1 ] || { tail -20 "$STATE/opennds.log" >&2; die "openNDS did not start in 3 attempts"; }
  local t2; t2=$(ms)
  in_gw_mounts grep -q '^dhcp-option-force=114,' /etc/dnsmasq.conf || die "openNDS did not add option 114 to dnsmasq.conf"
  in_gw_mounts dnsmasq -k --conf-file=/etc/dnsmasq.conf --pid-file= --dhcp-leasefile=/var/lib/misc/dnsmasq.leases \
    --log-facility=- --log-dhcp >"$STATE/dnsmasq.log" 2>&1 &
  echo $! > "$STATE/dnsmasq.pid"
  wait_for 5 "dnsmasq" grep -q "started, version" "$STATE/dnsmasq.log" || { cat "$STATE/dnsmasq.log" >&2; die "dnsmasq did not start"; }

  if [ "$no_dhcp" = 1 ]; then
    local t3; t3=$(ms)
    log "up in $(( t3 - t0 )) ms without DHCP (namespaces+servers $(( t1 - t0 )) ms, openNDS $(( t2 - t1 )) ms, dnsmasq $(( t3 - t2 )) ms); run 'lab.sh dhcp' for the client's lease"
    status || true
    return 0
  fi
  dhcp
  local t3; t3=$(ms)
  log "up in $(( t3 - t0 )) ms (namespaces+servers $(( t1 - t0 )) ms, openNDS $(( t2 - t1 )) ms, dnsmasq+DHCP $(( t3 - t2 )) ms)"
  status
}

dhcp() { # the client takes its lease (address, default route, option 114 via CaptiveWatch's hook)
  local t0; t0=$(ms)
  chmod +x "$HOOK" 2>/dev/null || true
  timeout 15 ip netns exec $CLIENT busybox udhcpc -i eth0 -f -q -n -t 5 -T 1 -O 114 -s "$HOOK" \
    >"$STATE/udhcpc.log" 2>&1 || { cat "$STATE/udhcpc.log" >&2; die "client got no DHCP lease"; }
  [ -f "$LEASE_DIR/eth0.lease" ] || die "the udhcpc hook wrote no $LEASE_DIR/eth0.lease"
  log "DHCP lease in $(( $(ms) - t0 )) ms: $(ip -n $CLIENT -4 -o addr show dev eth0 | awk '{print $4}')"
}

custom_dns() { # on: the client's resolv.conf points at a "public" resolver in cw-inet (10.99.2.53), which
  # the portal blocks until sign-in (as many block 9.9.9.9 and the like); off: back to the portal's 10.99.0.1
  case "${1:-}" in
    on)
      ip -n $INET addr replace 10.99.2.53/32 dev lo
      if ! { [ -f "$STATE/custom_dns.pid" ] && alive "$(cat "$STATE/custom_dns.pid")"; }; then
        local args=() h
        for h in $VENDOR_HOSTS; do args+=("--address=/$h/10.99.1.2"); done
        ip netns exec $INET dnsmasq -k --conf-file=/dev/null --no-resolv --no-hosts --bind-interfaces \
          --listen-address=10.99.2.53 --pid-file= --log-facility=- "${args[@]}" >"$STATE/custom_dns.log" 2>&1 &
        echo $! > "$STATE/custom_dns.pid"
        wait_for 5 "custom resolver" grep -q "started, version" "$STATE/custom_dns.log" || die "custom resolver did not start"
      fi
      echo "nameserver 10.99.2.53" > /etc/netns/$CLIENT/resolv.conf
      ;;
    off)
      echo "nameserver 10.99.0.1" > /etc/netns/$CLIENT/resolv.conf
      ;;
    *) die "custom-dns on|off" ;;
  esac
}

vpn_route() { # on: a VPN-like default route through a dummy interface tun0 in the client; off: the normal one
  case "${1:-}" in
    on)
      # a dummy device where the kernel has the module, else a persistent TUN device nobody reads (no carrier:
      # the route is kept, packets go nowhere, as with a VPN whose tunnel cannot come up behind the portal)
      ip -n $CLIENT link show tun0 >/dev/null 2>&1 || ip -n $CLIENT link add tun0 type dummy 2>/dev/null \
        || ip netns exec $CLIENT ip tuntap add dev tun0 mode tun || die "cannot create tun0"
      ip -n $CLIENT addr replace 10.99.9.2/32 dev tun0
      ip -n $CLIENT link set tun0 up
      # the two halves of the address space, as OpenVPN's def1 and WireGuard tools route: they win over the
      # DHCP default route by prefix length, whatever its metric (the network itself stays on-link via eth0)
      ip -n $CLIENT route replace 0.0.0.0/1 dev tun0
      ip -n $CLIENT route replace 128.0.0.0/1 dev tun0
      ;;
    off)
      ip -n $CLIENT route del 0.0.0.0/1 dev tun0 2>/dev/null || true
      ip -n $CLIENT route del 128.0.0.0/1 dev tun0 2>/dev/null || true
      ip -n $CLIENT link del tun0 2>/dev/null || true
      ;;
    *) die "vpn-route on|off" ;;
  esac
}

client_mac() { ip -n $CLIENT link show eth0 | awk '/link\/ether/ {print $2}'; }

status() {
  local rc=0
  for ns in $GW $CLIENT $INET; do
    if ip netns list | grep -qw "^$ns"; then echo "netns $ns: present"; else echo "netns $ns: MISSING"; rc=1; fi
  done
  local procs="opennds dnsmasq probe_server"
  [ -f "$STATE/fas.pid" ] && procs="$procs fas" # only with --portal-name
  for p in $procs; do
    if [ -f "$STATE/$p.pid" ] && alive "$(cat "$STATE/$p.pid")"; then
      echo "$p: running (pid $(cat "$STATE/$p.pid"))"
    else
      echo "$p: not running"; rc=1
    fi
  done
  if ip netns list | grep -qw "^$CLIENT"; then
    echo "client address: $(ip -n $CLIENT -4 -o addr show dev eth0 | awk '{print $4}') mac $(client_mac)"
  fi
  [ -f "$LEASE_DIR/eth0.lease" ] && echo "client lease: $(tr '\n' ' ' < "$LEASE_DIR/eth0.lease")"
  return $rc
}

cmd=${1:-}
shift || true
case "$cmd" in
  up) up "$@" ;;
  dhcp) dhcp ;;
  down) down ;;
  status) status ;;
  client-mac) client_mac ;;
  custom-dns) custom_dns "$@" ;;
  vpn-route) vpn_route "$@" ;;
  ndsctl) in_gw_mounts timeout 10 ndsctl "$@" ;;
  gw) in_gw_mounts "$@" ;;
  client) exec ip netns exec $CLIENT "$@" ;;
  *) echo "usage: $0 up [--no-dhcp]|dhcp|down|status|client-mac|ndsctl ARGS...|gw CMD...|client CMD..." >&2; exit 2 ;;
esac
