#!/usr/bin/env python3
"""The 'internet' of the CaptiveWatch lab: answers the vendor connectivity-check paths like the real
servers do (generate_204, hotspot-detect, connecttest, ncsi, success.txt, canonical, nmcheck), 404 else.
Usage: probe_server.py ADDRESS PORT [TLS_PORT CERT_PEM KEY_PEM]  (the TLS port serves the same paths)"""
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

APPLE = b"<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>"
FIREFOX = (b'<meta http-equiv="refresh" content="0;url=https://support.mozilla.org/kb/captive-portal"/>')
ROUTES = {
    "/generate_204": (204, None, b""),
    "/gen_204": (204, None, b""),
    "/hotspot-detect.html": (200, "text/html", APPLE),
    "/library/test/success.html": (200, "text/html", APPLE),
    "/connecttest.txt": (200, "text/plain", b"Microsoft Connect Test"),
    "/ncsi.txt": (200, "text/plain", b"Microsoft NCSI"),
    "/success.txt": (200, "text/plain", b"success\n"),
    "/canonical.html": (200, "text/html", FIREFOX),
    "/check_network_status.txt": (200, "text/plain", b"NetworkManager is online\n"),
    "/nmcheck": (200, "text/plain", b"NetworkManager is online\n"),
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "lab-probe-server"

    def _answer(self, with_body):
        path = self.path.split("?", 1)[0]
        status, ctype, body = ROUTES.get(path, (404, "text/plain", b"not found\n"))
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Cache-Control", "no-cache, no-store")
        if status != 204:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body and status != 204:
            self.wfile.write(body)

    def do_GET(self):
        self._answer(True)

    def do_HEAD(self):
        self._answer(False)

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))
        sys.stderr.flush()


if __name__ == "__main__":
    server = ThreadingHTTPServer((sys.argv[1], int(sys.argv[2])), Handler)
    server.daemon_threads = True
    if len(sys.argv) >= 6:
        tls = ThreadingHTTPServer((sys.argv[1], int(sys.argv[3])), Handler)
        tls.daemon_threads = True
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(sys.argv[4], sys.argv[5])
        tls.socket = ctx.wrap_socket(tls.socket, server_side=True)
        threading.Thread(target=tls.serve_forever, daemon=True).start()
    print("probe server listening", flush=True)
    server.serve_forever()
