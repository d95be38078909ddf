#!/usr/bin/env python3
"""A userspace delay line for bench/run.sh, for kernels without sch_netem (tc netem).

Creates two TUN devices (IFF_TUN, no packet info) and forwards every IP packet read from one to the
other after a fixed one-way delay (read from DELAY_FILE, in ms, re-read when it changes), so
RTT = 2 x delay. The script moves each device into its own network namespace and addresses them as a
point-to-point link. Exits after --max-seconds or on SIGTERM; the devices vanish with the process.

usage: delayline.py --a NAME --b NAME --delay-file FILE --ready-file FILE [--max-seconds S]
"""
import argparse
import fcntl
import heapq
import os
import select
import signal
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000


def open_tun(name):
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def read_delay(path, current):
    try:
        with open(path) as f:
            return max(0.0, float(f.read().strip() or 0) / 1000.0)
    except (OSError, ValueError):
        return current


def write_applied(path, delay):
    if path:
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % round(delay * 1000))
        os.replace(tmp, path)  # readers see the old or the new value, never half of one


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--a", required=True)
    p.add_argument("--b", required=True)
    p.add_argument("--delay-file", required=True)
    p.add_argument("--ready-file", required=True)
    p.add_argument("--applied-file", help="written with the delay in ms each time a new one takes effect")
    p.add_argument("--max-seconds", type=float, default=1800)
    args = p.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    a = open_tun(args.a)
    b = open_tun(args.b)
    other = {a: b, b: a}
    with open(args.ready_file, "w") as f:
        f.write("ready\n")
    delay = read_delay(args.delay_file, 0.0)
    write_applied(args.applied_file, delay)
    last_check = time.monotonic()
    end = last_check + args.max_seconds
    queue = []  # (due, seq, out_fd, packet)
    seq = 0
    while True:
        now = time.monotonic()
        if now >= end:
            return
        if now - last_check >= 0.2:
            new = read_delay(args.delay_file, delay)
            if new != delay:
                delay = new
                write_applied(args.applied_file, delay)
            last_check = now
        timeout = 0.2
        if queue:
            timeout = max(0.0, min(timeout, queue[0][0] - now))
        readable, _, _ = select.select([a, b], [], [], timeout)
        now = time.monotonic()
        for fd in readable:
            for _ in range(256):
                try:
                    pkt = os.read(fd, 65536)
                except (BlockingIOError, InterruptedError):
                    break
                except OSError:
                    break
                if not pkt:
                    break
                seq += 1
                heapq.heappush(queue, (now + delay, seq, other[fd], pkt))
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            _, _, out, pkt = heapq.heappop(queue)
            try:
                os.write(out, pkt)
            except OSError:
                pass  # device down or full: drop, like a real link


if __name__ == "__main__":
    main()
