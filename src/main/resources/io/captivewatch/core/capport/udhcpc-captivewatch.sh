#!/bin/sh
# busybox udhcpc event script for CaptiveWatch (RFC 8910 option 114).
# Run: udhcpc -i IFACE -O 114 -s /path/to/udhcpc-captivewatch.sh
# Configures the interface like busybox's default script (address, default route, resolv.conf unless
# CAPTIVEWATCH_NO_RESOLV=1) and records the Captive Portal API URI that udhcpc passes as hex in $opt114
# and the DNS servers the network handed out ($dns) to ${CAPTIVEWATCH_UDHCPC_DIR:-/run/captivewatch/dhcp}/$interface.lease,
# which CaptiveWatch reads (it asks those servers when the system's own DNS does not answer).
# To keep your own script, call this one from it with the same arguments.
dir="${CAPTIVEWATCH_UDHCPC_DIR:-/run/captivewatch/dhcp}"
file="$dir/$interface.lease"

case "$1" in
  deconfig)
    rm -f "$file"
    ip -4 addr flush dev "$interface" 2>/dev/null
    ip link set "$interface" up 2>/dev/null
    ;;
  bound|renew)
    ip -4 addr flush dev "$interface" 2>/dev/null
    ip -4 addr add "$ip/${mask:-24}" ${broadcast:+broadcast "$broadcast"} dev "$interface"
    if [ -n "$router" ]; then
      ip -4 route replace default via "${router%% *}" dev "$interface"
    fi
    if [ -n "$dns" ] && [ "${CAPTIVEWATCH_NO_RESOLV:-0}" != 1 ]; then
      for s in $dns; do echo "nameserver $s"; done > /etc/resolv.conf
    fi
    mkdir -p "$dir"
    tmp="$file.tmp.$$"
    {
      echo "interface=$interface"
      echo "ip=$ip"
      echo "router=$router"
      echo "opt114=${opt114:-}"
      echo "dns=${dns:-}"
      echo "updated=$(date +%s)"
    } > "$tmp" && mv -f "$tmp" "$file"
    ;;
  leasefail|nak)
    ;;
esac
exit 0
