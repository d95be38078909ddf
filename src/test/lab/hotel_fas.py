#!/usr/bin/env python3
"""A small forwarding authentication service (FAS) for openNDS, as hotel portals run one: openNDS redirects
unauthenticated clients to http://portal.hotel.lan:2080/login?authaction=http://GW:2050/opennds_auth/?...&tok=T&redir=R
(openNDS FAS level 0, fas_secure_enabled 0). The name portal.hotel.lan is known only to the gateway's dnsmasq.
Two pages, one button each (as openNDS's own splash): "Accept Terms of Service", then "Continue", which is a
form to openNDS's auth URL with the client's token; openNDS then lets the client out and redirects to /done.
usage: hotel_fas.py ADDRESS PORT NAME
"""
import html
import socketserver
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ADDRESS, PORT, NAME = sys.argv[1], int(sys.argv[2]), sys.argv[3]


def page(title, body):
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>%s</title></head>"
            "<body style='font-family:sans-serif;font-size:20px;margin:24px'>%s</body></html>" % (title, body)).encode()


class Fas(BaseHTTPRequestHandler):
    def do_GET(self):
        u = urllib.parse.urlsplit(self.path)
        if u.path == "/login":
            q = urllib.parse.parse_qs(u.query)
            if "step" in q and "authaction" in q:
                auth = q["authaction"][0]
            else:  # openNDS appends the auth URL unencoded: everything after authaction=
                i = u.query.find("authaction=")
                if i < 0:
                    return self.send(400, page("Bad request", "<p>No authaction.</p>"))
                auth = u.query[i + len("authaction="):]
            a = urllib.parse.urlsplit(auth)
            tok = urllib.parse.parse_qs(a.query).get("tok", [""])[0]
            if not tok or a.scheme != "http":
                return self.send(400, page("Bad request", "<p>No token.</p>"))
            if "step" not in q:
                body = ("<h1>Welcome to the Hotel Lan</h1><p>To use the Internet, accept the terms of service.</p>"
                        "<form action='/login' method='get'><input type='hidden' name='step' value='terms'>"
                        "<input type='hidden' name='authaction' value='%s'>"
                        "<input type='submit' value='Accept Terms of Service'></form>"
                        "<p>Hotel Lan guest network, served as %s</p>") % (html.escape(auth, quote=True), html.escape(NAME))
                return self.send(200, page("Hotel Lan guest Wi-Fi", body))
            action = "%s://%s%s" % (a.scheme, a.netloc, a.path)
            body = ("<h1>Thank you</h1><p>Press Continue to go online.</p>"
                    "<form action='%s' method='get'><input type='hidden' name='tok' value='%s'>"
                    "<input type='hidden' name='redir' value='http://%s:%d/done'>"
                    "<input type='submit' value='Continue'></form>"
                    "<p>Hotel Lan guest network, served as %s</p>") % (
                html.escape(action, quote=True), html.escape(tok, quote=True), NAME, PORT, html.escape(NAME))
            return self.send(200, page("Hotel Lan guest Wi-Fi", body))
        if u.path == "/done":
            return self.send(200, page("Hotel Lan guest Wi-Fi", "<h1>You are now logged in</h1><p>Enjoy your stay at the Hotel Lan.</p>"))
        return self.send(404, page("Not found", "<p>Not found</p>"))

    def send(self, code, body):
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        sys.stderr.write("fas: %s %s\n" % (self.address_string(), fmt % args))


class Server(ThreadingHTTPServer):
    def server_bind(self):  # HTTPServer's own looks up the host name (socket.getfqdn): no DNS in the lab's gw
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = NAME, PORT


server = Server((ADDRESS, PORT), Fas)
server.daemon_threads = True
print("fas listening on %s:%d as %s" % (ADDRESS, PORT, NAME), flush=True)
server.serve_forever()
