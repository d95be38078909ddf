#!/usr/bin/env python3
"""Writes the recorded-response corpus: src/test/resources/corpus/*.http and expected.tsv.

Each file is one HTTP response, bytes as on the wire (CRLF unless noted, some chunked, some gzip).
Modelled on what real portal products and vendor check servers send; hosts and tokens are made up.
Run from the repository root: python3 src/test/corpus/make_corpus.py (deterministic output).
"""
import gzip
import io
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "corpus")
APPLE = "http://captive.apple.com/hotspot-detect.html"
GOOGLE = "http://connectivitycheck.gstatic.com/generate_204"
GOOGLE_S = "https://www.google.com/generate_204"
MS = "http://www.msftconnecttest.com/connecttest.txt"
FF = "http://detectportal.firefox.com/canonical.html"
FF_S = "http://detectportal.firefox.com/success.txt"
GNOME = "http://nmcheck.gnome.org/check_network_status.txt"

rows = []


def gz(data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as g:
        g.write(data)
    return buf.getvalue()


def chunk(body: bytes, size=61, ext=False) -> bytes:
    out = b""
    for i in range(0, len(body), size):
        part = body[i:i + size]
        out += ("%x" % len(part)).encode() + (b";ext=1" if ext and i == 0 else b"") + b"\r\n" + part + b"\r\n"
    return out + b"0\r\n\r\n"


def case(name, probe, verdict, login, status, headers=(), body=b"", *, chunked=False, gzipped=False,
         lf=False, length=True, raw_body=None):
    if isinstance(body, str):
        body = body.encode("utf-8")
    headers = list(headers)
    if gzipped:
        body = gz(body)
        headers.append(("Content-Encoding", "gzip"))
    if raw_body is not None:
        body = raw_body
    if chunked:
        headers.append(("Transfer-Encoding", "chunked"))
        wire_body = chunk(body, ext=True)
    else:
        if length:
            headers.append(("Content-Length", str(len(body))))
        wire_body = body
    nl = b"\n" if lf else b"\r\n"
    head = status.encode("latin-1") + nl
    for k, v in headers:
        head += k.encode("latin-1") + b": " + (v.encode("utf-8") if isinstance(v, str) else v) + nl
    data = head + nl + wire_body
    fname = name + ".http"
    with open(os.path.join(OUT, fname), "wb") as f:
        f.write(data)
    rows.append((fname, probe, verdict, login))


H_HTML = ("Content-Type", "text/html")
H_NOCACHE = ("Cache-Control", "no-cache, no-store, must-revalidate")
DATE = ("Date", "Mon, 23 Nov 2026 10:00:00 GMT")

# ---------------------------------------------------------------- genuine answers (online)
case("google-204", GOOGLE, "online", "-", "HTTP/1.1 204 No Content",
     [("Content-Length", "0"), ("Cross-Origin-Resource-Policy", "cross-origin"), DATE, ("Server", "gws")], length=False)
case("google-200-empty", GOOGLE, "online", "-", "HTTP/1.1 200 OK", [DATE, ("Content-Type", "text/plain")])
case("google-https-204", GOOGLE_S, "online", "-", "HTTP/1.1 204 No Content", [DATE, ("Server", "gws")], length=False)
case("apple-success", APPLE, "online", "-", "HTTP/1.1 200 OK",
     [("Content-Type", "text/html"), ("Server", "AkamaiGHost"), DATE],
     "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>")
case("microsoft-connecttest", MS, "online", "-", "HTTP/1.1 200 OK",
     [("Content-Type", "text/plain"), ("Cache-Control", "max-age=30, must-revalidate"), DATE], "Microsoft Connect Test")
case("firefox-canonical", FF, "online", "-", "HTTP/1.1 200 OK",
     [("Content-Type", "text/html"), ("Cache-Control", "public,must-revalidate,max-age=0,s-maxage=3600"), DATE],
     '<meta http-equiv="refresh" content="0;url=https://support.mozilla.org/kb/captive-portal"/>')
case("firefox-success-txt", FF_S, "online", "-", "HTTP/1.1 200 OK",
     [("Content-Type", "text/plain"), DATE], "success\n")
case("gnome-nm-online", GNOME, "online", "-", "HTTP/1.1 200 OK",
     [("Content-Type", "text/plain; charset=UTF-8"), ("X-NetworkManager-Status", "online"), DATE],
     "NetworkManager is online\n")
case("apple-success-chunked", APPLE, "online", "-", "HTTP/1.1 200 OK", [("Content-Type", "text/html"), DATE],
     "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>", chunked=True)

# ---------------------------------------------------------------- MikroTik hotspot
case("mikrotik-redirect", APPLE, "captive", "http://10.5.50.1/login?dst=http%3A%2F%2Fcaptive.apple.com%2Fhotspot-detect.html",
     "HTTP/1.0 200 OK", [("Content-Type", "text/html"), ("Cache-Control", "no-cache"), ("Expires", "-1")],
     """<html>
<head><title>...</title>
<meta http-equiv="refresh" content="0; url=http://10.5.50.1/login?dst=http%3A%2F%2Fcaptive.apple.com%2Fhotspot-detect.html">
<meta http-equiv="pragma" content="no-cache">
<meta http-equiv="expires" content="-1">
</head>
<body>
</body>
</html>
""")
case("mikrotik-login", APPLE, "captive", "http://10.5.50.1/login", "HTTP/1.0 200 OK",
     [("Content-Type", "text/html"), ("Cache-Control", "no-cache")],
     """<!DOCTYPE html>
<html><head><title>internet hotspot &gt; login</title>
<meta http-equiv="pragma" content="no-cache"><meta http-equiv="expires" content="-1">
<script src="/md5.js"></script>
<script>
    function doLogin() {
        document.sendin.username.value = document.login.username.value;
        document.sendin.password.value = hexMD5('\\047' + document.login.password.value + '\\263\\142\\016');
        document.sendin.submit();
        return false;
    }
</script>
</head><body>
<form name="sendin" action="http://10.5.50.1/login" method="post" style="display:none">
  <input type="hidden" name="username" /><input type="hidden" name="password" />
  <input type="hidden" name="dst" value="http://captive.apple.com/hotspot-detect.html" /><input type="hidden" name="popup" value="true" />
</form>
<div class="main"><img src="img/logo.png" alt="mikrotik">
<form name="login" action="http://10.5.50.1/login" method="post" onSubmit="return doLogin()">
  <input type="hidden" name="dst" value="http://captive.apple.com/hotspot-detect.html" />
  <input type="hidden" name="popup" value="true" />
  <label>login <input name="username" type="text" value=""/></label>
  <label>password <input name="password" type="password"/></label>
  <input type="submit" value="OK" />
</form>
<p>Powered by MikroTik RouterOS. <a href="http://www.mikrotik.com/" target="_blank">mikrotik.com</a></p>
</div></body></html>
""", chunked=True)
case("mikrotik-template-unrendered", APPLE, "captive", "http://captive.apple.com/$(link-login-only)", "HTTP/1.1 200 OK",
     [H_HTML], """<html><body><form name="login" action="$(link-login-only)" method="post" $(if chap-id) onSubmit="return doLogin()" $(endif)>
<input type="hidden" name="dst" value="$(link-orig)" /><input name="username"><input type="password" name="password">
<input type="submit" value="OK"></form></body></html>
""")
case("mikrotik-alogin", APPLE, "captive", "http://www.mikrotik.com/", "HTTP/1.0 200 OK", [H_HTML],
     """<html><head><title>mikrotik hotspot > redirect</title>
<meta http-equiv="refresh" content="2; url=http://www.mikrotik.com/">
<meta http-equiv="pragma" content="no-cache"><meta http-equiv="expires" content="-1"></head>
<body><p>You are logged in</p><p>If nothing happens, click <a href="http://www.mikrotik.com/">here</a></p></body></html>
""")

# ---------------------------------------------------------------- openNDS / nodogsplash
case("nodogsplash-302", APPLE, "captive",
     "http://192.168.1.1:2050/splash.html?redir=http%3a%2f%2fcaptive.apple.com%2fhotspot-detect.html",
     "HTTP/1.1 302 Found",
     [("Location", "http://192.168.1.1:2050/splash.html?redir=http%3a%2f%2fcaptive.apple.com%2fhotspot-detect.html"),
      ("Content-Type", "text/html"), ("Connection", "close")],
     "<html><head><title>Redirect</title></head><body>Redirecting...</body></html>")
case("nodogsplash-splash", APPLE, "captive", "http://192.168.1.1:2050/nodogsplash_auth/", "HTTP/1.1 200 OK", [H_HTML],
     """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Guest WiFi</title>
<link rel="stylesheet" href="/splash.css"></head><body>
<h1>Welcome to Guest WiFi</h1><p>By continuing you agree to the <a href="/terms.html">terms of use</a>.</p>
<form method="get" action="http://192.168.1.1:2050/nodogsplash_auth/">
<input type="hidden" name="tok" value="4a3c9f2e"><input type="hidden" name="redir" value="http://captive.apple.com/hotspot-detect.html">
<input type="submit" value="Continue"></form>
<p><a href="http://nodogsplash.org/">Powered by nodogsplash</a></p></body></html>
""")
case("opennds-fas-302", GOOGLE, "captive",
     "http://192.168.8.1:2050/opennds_preauth/?fas=aGlkPTQ1ZjJlYSwgY2xpZW50aXA9MTkyLjE2OC44LjEyMw%3D%3D",
     "HTTP/1.1 302 Found",
     [("Location", "http://192.168.8.1:2050/opennds_preauth/?fas=aGlkPTQ1ZjJlYSwgY2xpZW50aXA9MTkyLjE2OC44LjEyMw%3D%3D"),
      ("Cache-Control", "no-cache, no-store, must-revalidate"), ("Content-Length", "0")], length=False)

# ---------------------------------------------------------------- CoovaChilli
WISPR = """<?xml version="1.0" encoding="UTF-8"?>
<WISPAccessGatewayParam xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://www.acmewisp.com/WISPAccessGatewayParam.xsd">
<Redirect>
<AccessProcedure>1.0</AccessProcedure>
<AccessLocation>CDATA[[isocc=,cc=,ac=,network=Coova,]]</AccessLocation>
<LocationName>CDATA[[My_HotSpot]]</LocationName>
<LoginURL>https://coova.example.net/hotspotlogin.cgi?res=smartclient&amp;uamip=10.1.0.1&amp;uamport=3990&amp;challenge=7d5cd0c2c9e6a2b2</LoginURL>
<AbortLoginURL>http://10.1.0.1:3990/abort</AbortLoginURL>
<NextURL>http://captive.apple.com/hotspot-detect.html</NextURL>
<ResponseCode>0</ResponseCode>
<MessageType>100</MessageType>
</Redirect>
</WISPAccessGatewayParam>
"""
case("coova-302-wispr", APPLE, "captive", "http://10.1.0.1:3990/prelogin", "HTTP/1.0 302 Moved Temporarily",
     [("Location", "http://10.1.0.1:3990/prelogin"), ("Content-Type", "text/html; charset=UTF-8"), ("Cache-Control", "no-cache, must-revalidate")],
     "<HTML>\n<!--\n" + WISPR + "-->\n</HTML>\n")
case("coova-wispr-200", APPLE, "captive",
     "https://coova.example.net/hotspotlogin.cgi?res=smartclient&uamip=10.1.0.1&uamport=3990&challenge=7d5cd0c2c9e6a2b2",
     "HTTP/1.0 200 OK", [("Content-Type", "text/html")], "<HTML>\n<!--\n" + WISPR + "-->\n<body>Please log in.</body></HTML>\n")
case("coova-uam-login", GOOGLE, "captive",
     "http://10.1.0.1:3990/login?res=notyet&uamip=10.1.0.1&uamport=3990&userurl=http%3A%2F%2Fconnectivitycheck.gstatic.com%2Fgenerate_204",
     "HTTP/1.1 302 Found",
     [("Location", "http://10.1.0.1:3990/login?res=notyet&uamip=10.1.0.1&uamport=3990&userurl=http%3A%2F%2Fconnectivitycheck.gstatic.com%2Fgenerate_204")],
     chunked=True)

# ---------------------------------------------------------------- pfSense / OPNsense
case("pfsense-302", APPLE, "captive",
     "http://192.168.1.1:8002/index.php?zone=guest&redirurl=http%3A%2F%2Fcaptive.apple.com%2Fhotspot-detect.html",
     "HTTP/1.1 302 Found",
     [("Location", "http://192.168.1.1:8002/index.php?zone=guest&redirurl=http%3A%2F%2Fcaptive.apple.com%2Fhotspot-detect.html"),
      ("Server", "nginx"), ("Content-Type", "text/html"), ("Content-Length", "0")], length=False)
case("pfsense-portal-page", APPLE, "captive", "http://192.168.1.1:8002/index.php?zone=guest", "HTTP/1.1 200 OK",
     [("Content-Type", "text/html; charset=UTF-8"), ("Server", "nginx")],
     """<!DOCTYPE html><html><head><title>Captive Portal Login Page</title>
<link rel="stylesheet" href="https://cdnjs.cloudflare.com/ajax/libs/bootstrap/4.0.0/css/bootstrap.min.css"></head><body>
<form method="post" action="http://192.168.1.1:8002/index.php?zone=guest">
<input name="auth_user" type="text"><input name="auth_pass" type="password">
<input name="redirurl" type="hidden" value="http://captive.apple.com/hotspot-detect.html">
<input name="zone" type="hidden" value="guest"><input name="accept" type="submit" value="Login">
</form><a href="https://www.netgate.com/">Netgate</a></body></html>
""", chunked=True)
case("opnsense-302", GOOGLE, "captive", "https://192.168.1.1:8000/index.html?redirurl=connectivitycheck.gstatic.com/generate_204",
     "HTTP/1.1 302 Found",
     [("Location", "https://192.168.1.1:8000/index.html?redirurl=connectivitycheck.gstatic.com/generate_204"), ("Server", "lighttpd"),
      ("Content-Length", "0")], length=False)

# ---------------------------------------------------------------- UniFi
case("unifi-302", APPLE, "captive",
     "http://192.168.1.2:8880/guest/s/default/?ap=78:8a:20:aa:bb:cc&id=f0:18:98:11:22:33&t=1764000000&url=http://captive.apple.com%2fhotspot-detect.html&ssid=Guest",
     "HTTP/1.1 302 Found",
     [("Location", "http://192.168.1.2:8880/guest/s/default/?ap=78:8a:20:aa:bb:cc&id=f0:18:98:11:22:33&t=1764000000&url=http://captive.apple.com%2fhotspot-detect.html&ssid=Guest"),
      ("Content-Length", "0"), ("Connection", "close")], length=False)
case("unifi-307-relative", GOOGLE, "captive", "http://connectivitycheck.gstatic.com/guest/s/default/",
     "HTTP/1.1 307 Temporary Redirect", [("Location", "/guest/s/default/"), ("Content-Length", "0")], length=False)

# ---------------------------------------------------------------- Meraki
MERAKI = ("https://n143.network-auth.com/splash/?mac=88%3A15%3A44%3A00%3A11%3A22&real_ip=10.20.30.40&client_ip=10.20.30.40"
          "&client_mac=f0%3A18%3A98%3A11%3A22%3A33&vap=0&a=5e7b2c&b=912345&auth_version=5&key=0f7c3e&acl_ver=P123"
          "&continue_url=http%3A%2F%2Fcaptive.apple.com%2Fhotspot-detect.html")
case("meraki-302", APPLE, "captive", MERAKI, "HTTP/1.1 302 Found",
     [("Location", MERAKI), ("Content-Type", "text/html"), ("Cache-Control", "no-cache")],
     '<html><body>You are being <a href="' + MERAKI.replace("&", "&amp;") + '">redirected</a>.</body></html>', gzipped=True)

# ---------------------------------------------------------------- Cisco WLC
case("cisco-wlc", APPLE, "captive", "https://1.1.1.1/login.html?redirect=captive.apple.com/hotspot-detect.html",
     "HTTP/1.1 200 OK", [("Content-Type", "text/html"), ("Server", "")],
     """<HTML><HEAD><TITLE> Web Authentication Redirect</TITLE>
<META http-equiv="Cache-control" content="no-cache">
<META http-equiv="Pragma" content="no-cache">
<META http-equiv="Expires" content="-1">
<META http-equiv="refresh" content="1; URL=https://1.1.1.1/login.html?redirect=captive.apple.com/hotspot-detect.html">
</HEAD></HTML>
""", length=False)

# ---------------------------------------------------------------- Aruba
ARUBA = ("https://securelogin.arubanetworks.com/cgi-bin/login?cmd=login&mac=f0:18:98:11:22:33&ip=10.0.5.23&essid=Guest"
         "&apname=AP-Lobby&apgroup=default&url=http%3A%2F%2Fcaptive%2Eapple%2Ecom%2Fhotspot%2Ddetect%2Ehtml")
case("aruba-302", APPLE, "captive", ARUBA, "HTTP/1.1 302", [("Location", ARUBA), ("Content-Length", "0")], length=False)
CPPM = "https://cppm.corp.example/guest/guest_login.php?_browser=1&mac=f01898112233&switchip=securelogin.arubanetworks.com&url=http://captive.apple.com/hotspot-detect.html"
case("aruba-cppm-meta", APPLE, "captive", CPPM, "HTTP/1.1 200 OK", [H_HTML],
     '<html><head><meta http-equiv="refresh" content="0;url=' + CPPM.replace("&", "&amp;") + '"></head><body></body></html>')

# ---------------------------------------------------------------- FortiGate
case("fortigate-fgtauth", GOOGLE, "captive", "http://10.0.0.1:1000/fgtauth?0a1b2c3d4e5f6789", "HTTP/1.1 200 OK",
     [("Content-Type", "text/html"), ("Cache-Control", "no-cache")],
     """<html><body><script language="JavaScript">
window.location="http://10.0.0.1:1000/fgtauth?0a1b2c3d4e5f6789";
</script></body></html>
""")
case("fortigate-303", APPLE, "captive", "https://fw.example.net:1003/fgtauth?070b0c1d0e0f1a2b", "HTTP/1.1 303 See Other",
     [("Location", "https://fw.example.net:1003/fgtauth?070b0c1d0e0f1a2b"), ("Content-Length", "0")], length=False)

# ---------------------------------------------------------------- wifidog
WIFIDOG = ("http://auth.example.org/wifidog/login/?gw_address=192.168.1.1&gw_port=2060&gw_id=default"
           "&ip=192.168.1.150&mac=f0:18:98:11:22:33&url=http%3A//captive.apple.com/hotspot-detect.html")
case("wifidog-302", APPLE, "captive", WIFIDOG, "HTTP/1.0 302 Found",
     [("Location", WIFIDOG), ("Content-Type", "text/html")],
     '<html><head></head><body><h1>In order to access the Internet you must be authenticated</h1>'
     '<a href="' + WIFIDOG.replace("&", "&amp;") + '">Click here</a></body></html>')

# ---------------------------------------------------------------- Ruckus
RUCKUS = "http://10.10.10.1:9997/SubscriberPortal/hotspotlogin?nbiIP=10.10.10.1&client_mac=f0189811223&ssid=Guest&url=http%3A%2F%2Fcaptive.apple.com"
case("ruckus-302", APPLE, "captive", RUCKUS, "HTTP/1.1 302 Found", [("Location", RUCKUS), ("Content-Length", "0")], length=False)
case("ruckus-zd-js", APPLE, "captive", "https://wlan.example.com:9998/user/_allowuser.jsp?url=captive.apple.com",
     "HTTP/1.1 200 OK", [H_HTML],
     """<html><head><script type="text/javascript">
/* location.href = 'http://old.example/'; */
var redirectUrl = "https:\\/\\/wlan.example.com:9998\\/user\\/_allowuser.jsp?url=captive.apple.com";
window.location.replace("https:\\/\\/wlan.example.com:9998\\/user\\/_allowuser.jsp?url=captive.apple.com");
</script></head><body>Redirecting to the login page</body></html>
""")

# ---------------------------------------------------------------- hotel chains
case("hotel-js-top-location", APPLE, "captive", "https://wifi.grandhotel.example/portal/welcome?mac=f0189811223&loc=lobby",
     "HTTP/1.1 200 OK", [("Content-Type", "text/html; charset=utf-8"), H_NOCACHE],
     """<!DOCTYPE html><html><head><title>Grand Hotel WiFi</title>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-XXXX"></script>
<script>
  // Old portal: window.location = 'http://oldportal.grandhotel.example/';
  window.dataLayer = window.dataLayer || [];
  if (window.top !== window.self) { /* framed */ }
  top.location.href = "https://wifi.grandhotel.example/portal/welcome?mac=f0189811223&loc=lobby";
</script></head><body>
<noscript>Please enable JavaScript.</noscript>
<a href="https://www.facebook.com/grandhotel">Facebook</a> <a href="https://apps.apple.com/app/id123">Get our app</a>
<a href="/privacy">Privacy</a> <a href="/terms">Terms</a>
</body></html>
""", chunked=True, gzipped=True)
case("hotel-js-variable", APPLE, "captive", "https://connect.resorthotel.example/guest/landing?site=PMI2&lang=en",
     "HTTP/1.1 200 OK", [("Content-Type", "text/html; charset=ISO-8859-1"), H_NOCACHE],
     """<html><head><title>Resort Hotel Internet</title>
<script type="text/javascript">
<!--
var portalBase = 'https://connect.resorthotel.example/guest/landing';
var redirectTo = "https://connect.resorthotel.example/guest/landing?site=PMI2&lang=en";
function redirect() {
    // location.href = portalBase;  (old behaviour)
    window.location.href = redirectTo;
}
//-->
</script></head><body onload="setTimeout(redirect, 100)">
<p>Bienvenue \xe0 l'h\xf4tel. Please wait&hellip;</p>
<a href="https://www.tripadvisor.example/hotel">Review us</a>
</body></html>
""".encode("latin-1"))
case("hotel-autosubmit-form", APPLE, "captive", "https://portal.hotelchain.example/start", "HTTP/1.1 200 OK", [H_HTML],
     """<html><body onload="document.forms[0].submit()">
<form method="get" action="https://portal.hotelchain.example/start">
<input type="hidden" name="mac" value="f0:18:98:11:22:33"><input type="hidden" name="property" value="NYC01">
<noscript><input type="submit" value="Continue"></noscript></form>
<a href="https://portal.hotelchain.example/help">Help</a></body></html>
""")
case("hotel-iframe", APPLE, "captive", "https://guestinternet.example/login?property=LON3", "HTTP/1.1 200 OK", [H_HTML],
     """<html><head><title>Welcome</title></head><body style="margin:0">
<iframe src="https://guestinternet.example/login?property=LON3" width="100%" height="100%" frameborder="0"></iframe>
<iframe src="https://www.youtube.com/embed/hotelvideo"></iframe>
<a href="/about">About the hotel</a></body></html>
""")
case("hotel-decoys-anchor", APPLE, "captive", "http://captive.apple.com/connect?sid=77", "HTTP/1.1 200 OK", [H_HTML],
     """<html><head><link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bulma/css/bulma.min.css"></head><body>
<header><a href="https://twitter.com/hotel">Twitter</a><a href="https://play.google.com/store/apps/details?id=x">Android app</a></header>
<p>Welcome! Free WiFi for our guests.</p>
<a href="/terms-and-conditions">Terms and conditions</a> | <a href="/privacy-policy">Privacy policy</a> | <a href="/faq">FAQ</a>
<a class="button" href="/connect?sid=77">Connect to the Internet</a>
<img src="https://pixel.tracking.example/p.gif?utm_source=wifi">
</body></html>
""")

# ---------------------------------------------------------------- RFC 6585 511
RFC6585 = """<html>
   <head>
      <title>Network Authentication Required</title>
      <meta http-equiv="refresh"
            content="0; url=https://login.example.net/">
   </head>
   <body>
      <p>You need to <a href="https://login.example.net/">
      authenticate with the local network</a> in order to gain
      access.</p>
   </body>
</html>
"""
case("511-rfc6585-meta", GOOGLE, "captive", "https://login.example.net/", "HTTP/1.1 511 Network Authentication Required",
     [("Content-Type", "text/html"), ("Cache-Control", "no-store")], RFC6585)
case("511-link-only", GOOGLE, "captive", "https://portal.example.net/login", "HTTP/1.1 511 Network Authentication Required",
     [("Link", '<https://portal.example.net/login>; rel="captive-portal"'), ("Cache-Control", "no-store"), ("Content-Length", "0")], length=False)
case("511-link-and-page", GOOGLE, "captive", "http://connectivitycheck.gstatic.com/signin", "HTTP/1.1 511 Network Authentication Required",
     [("Link", '</api/captive>; rel="captive-portal", </style.css>; rel=stylesheet'), ("Content-Type", "text/html")],
     '<html><body><h1>Sign-in required</h1><p><a href="/signin">Sign in</a> or read the <a href="/terms">terms</a>.</p></body></html>',
     chunked=True)
case("511-json", GOOGLE, "captive", "http://10.0.0.1/portal/login?sid=abc", "HTTP/1.1 511 Network Authentication Required",
     [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
     '{"error":"authentication_required","data":{"login_url":"http://10.0.0.1/portal/login?sid=abc"},"url":"http://10.0.0.1/"}')
case("511-nothing", APPLE, "captive", APPLE, "HTTP/1.1 511 Network Authentication Required",
     [("Content-Type", "text/plain")], "Network authentication required.\n")
case("511-lf-only", GOOGLE, "captive", "http://connectivitycheck.gstatic.com/login", "HTTP/1.1 511 Network Authentication Required",
     [("Content-Type", "text/html"), ("Link", "</login>;rel=captive-portal")],
     "<html><body><a href='/login'>Log in</a></body></html>\n", lf=True)

# ---------------------------------------------------------------- RFC 8908 JSON answered in place
case("rfc8908-json", APPLE, "captive", "https://portal.example.org/portal.html", "HTTP/1.1 200 OK",
     [("Content-Type", "application/captive+json"), ("Cache-Control", "private")],
     """{
   "captive": true,
   "user-portal-url": "https://portal.example.org/portal.html",
   "venue-info-url": "https://flight.example.com/entertainment",
   "seconds-remaining": 326,
   "can-extend-session": true
}""")

# ---------------------------------------------------------------- authentication, proxies, errors
case("401-basic", GOOGLE, "auth_required", "-", "HTTP/1.1 401 Unauthorized",
     [("WWW-Authenticate", 'Basic realm="Corporate Network", charset="UTF-8"'), ("Content-Type", "text/html")],
     "<html><body><h1>401 Unauthorized</h1></body></html>")
case("401-digest", APPLE, "auth_required", "-", "HTTP/1.1 401 Unauthorized",
     [("WWW-Authenticate", 'Digest realm="gw@example.net", qop="auth", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"'),
      ("Content-Length", "0")], length=False)
case("407-proxy-basic", GOOGLE, "proxy_auth_required", "-", "HTTP/1.1 407 Proxy Authentication Required",
     [("Proxy-Authenticate", 'Basic realm="Squid proxy-caching web server"'), ("Server", "squid/5.7"), ("Content-Type", "text/html;charset=utf-8"),
      ("X-Squid-Error", "ERR_CACHE_ACCESS_DENIED 0")],
     "<html><body><h1>ERROR</h1><p>Cache Access Denied.</p><a href=\"mailto:webmaster\">webmaster</a></body></html>", chunked=True)
case("407-ntlm", APPLE, "proxy_auth_required", "-", "HTTP/1.1 407 Proxy Authentication Required",
     [("Proxy-Authenticate", "NTLM"), ("Proxy-Authenticate", "Negotiate"), ("Connection", "close"), ("Content-Length", "0")], length=False)
case("503-unavailable", GOOGLE, "limited", "-", "HTTP/1.1 503 Service Unavailable",
     [("Content-Type", "text/html"), ("Retry-After", "120")],
     "<html><body><h1>503 Service Unavailable</h1><p>No server is available to handle this request.</p></body></html>")
case("403-blocked", GOOGLE, "limited", "-", "HTTP/1.1 403 Forbidden", [("Content-Type", "text/html")],
     "<html><body>Access to this site is blocked by policy.</body></html>")

# ---------------------------------------------------------------- charsets
case("charset-gbk", APPLE, "captive", "http://captive.apple.com/portal/login.jsp", "HTTP/1.1 200 OK",
     [("Content-Type", "text/html; charset=GB2312")],
     '<html><head><title>\u65e0\u7ebf\u7f51\u7edc</title></head><body><p>\u6b22\u8fce\u4f7f\u7528\u514d\u8d39\u65e0\u7ebf\u7f51\u7edc</p>'
     '<a href="/help.html">\u5e2e\u52a9</a> <a href="/portal/login.jsp">\u767b\u5f55</a></body></html>'.encode("gbk"))
case("charset-gbk-meta", APPLE, "captive", "http://captive.apple.com/auth/index.html", "HTTP/1.1 200 OK",
     [("Content-Type", "text/html")],
     '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
     '<a href="/about.html">\u5173\u4e8e</a><a href="/auth/index.html">\u8fde\u63a5\u7f51\u7edc</a></body></html>'.encode("gbk"))
case("charset-windows-1252", APPLE, "captive", "http://captive.apple.com/anmelden", "HTTP/1.1 200 OK",
     [("Content-Type", "text/html; charset=windows-1252")],
     '<html><body><p>Willkommen im G\u00e4ste-WLAN \u2013 Gr\u00fc\u00dfe</p><a href="/impressum">Impressum</a>'
     '<a href="/anmelden">Jetzt anmelden</a></body></html>'.encode("cp1252"))
case("charset-utf16le-bom", APPLE, "captive", "http://captive.apple.com/login", "HTTP/1.1 200 OK",
     [("Content-Type", "text/html")],
     b"\xff\xfe" + '<html><body><a href="/login">Log in</a></body></html>'.encode("utf-16-le"))
case("charset-utf16be-header", APPLE, "captive", "http://10.4.4.2/signin", "HTTP/1.1 200 OK",
     [("Content-Type", "text/html; charset=UTF-16BE")],
     '<html><body><a href="http://10.4.4.2/signin">Sign in</a></body></html>'.encode("utf-16-be"))
case("charset-bad-label", APPLE, "captive", "http://10.5.5.1/login", "HTTP/1.1 200 OK",
     [("Content-Type", "text/html; charset=x-no-such-charset-\u00e9")],
     '<html><body><p>Caf\u00e9</p><a href="http://10.5.5.1/login">Log in</a></body></html>'.encode("utf-8"))

# ---------------------------------------------------------------- hostile
case("hostile-javascript-location", APPLE, "captive", "-", "HTTP/1.1 302 Found",
     [("Location", "javascript:alert(document.cookie)"), ("Content-Length", "0")], length=False)
case("hostile-data-meta-refresh", APPLE, "captive", APPLE, "HTTP/1.1 200 OK", [H_HTML],
     '<html><head><meta http-equiv="refresh" content="0;url=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></head></html>')
case("hostile-file-iframe", APPLE, "captive", APPLE, "HTTP/1.1 200 OK", [H_HTML],
     '<html><body><iframe src="file:///etc/passwd"></iframe><a href="vbscript:msgbox(1)">Log in</a>'
     '<a href="JaVaScRiPt:alert(1)">Sign in</a></body></html>')
case("hostile-long-url", APPLE, "captive", "-", "HTTP/1.1 302 Found",
     [("Location", "http://10.0.0.1/login?" + "a" * 10000), ("Content-Length", "0")], length=False)
case("hostile-credentials-location", APPLE, "captive", "-", "HTTP/1.1 302 Found",
     [("Location", "http://captive.apple.com@evil.example/login"), ("Content-Length", "0")], length=False)
links = ", ".join("</asset%d.js>; rel=preload" % i for i in range(1000))
case("hostile-1000-links", GOOGLE, "captive", "http://connectivitycheck.gstatic.com/real-login", "HTTP/1.1 511 Network Authentication Required",
     [("Link", links[: len(links) // 2]), ("Link", links[len(links) // 2:]),
      ("Link", "</real-login>; rel=captive-portal"), ("Content-Length", "0")], length=False)
case("hostile-deep-nesting", APPLE, "captive", "http://10.0.0.1/deep-login", "HTTP/1.1 200 OK", [H_HTML],
     "<html><body>" + "<div>" * 10000 + '<a href="http://10.0.0.1/deep-login">Log in</a>' + "</div>" * 10000 + "</body></html>")
case("hostile-gzip-bomb", APPLE, "captive", "http://captive.apple.com/bomb-login", "HTTP/1.1 200 OK", [H_HTML],
     '<html><body><a href="/bomb-login">Log in</a>' + " " * (200 * 1024 * 1024), gzipped=True, length=False)
case("hostile-bad-chunks", APPLE, "captive", APPLE, "HTTP/1.1 200 OK",
     [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")], length=False,
     raw_body=b"10\r\n<html><body>wel\r\nZZZ\r\ncome</body></html>")
case("hostile-nul-and-controls", APPLE, "captive", "http://10.0.0.1/ok%EF%BF%BD", "HTTP/1.1 200 OK", [H_HTML],
     b"<html>\x00\x01\x02<body><a href=\"\x01http://10.0.0.1/ok\x00\">Log in</a>\xff\xfe</body></html>")

# ---------------------------------------------------------------- issue #15 (docs/CONFORMANCE.md)
APPLE_PAGE = "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>"
case("apple-success-portal-page", APPLE, "captive", "http://10.9.0.1/login", "HTTP/1.1 200 OK", [("Content-Type", "text/html")],
     '<html><head><title>Success</title></head><body><h1>Success</h1><p>Welcome to Hotel Wi-Fi. '
     '<a href="http://10.9.0.1/login">Sign in</a> to continue.</p></body></html>')
case("apple-success-newline", APPLE, "online", "-", "HTTP/1.1 200 OK", [("Content-Type", "text/html")], APPLE_PAGE + "\n")
case("firefox-canonical-in-portal-page", FF, "captive", "http://10.9.0.1/login", "HTTP/1.1 200 OK", [("Content-Type", "text/html")],
     '<html><body><p>support.mozilla.org/kb/captive-portal</p><p>Sign in at <a href="http://10.9.0.1/login">the portal</a></p></body></html>')
case("firefox-success-txt-wrong", FF_S, "captive", FF_S, "HTTP/1.1 200 OK", [("Content-Type", "text/plain")],
     "success? no: please sign in\r\n")
case("google-200-one-byte", GOOGLE, "online", "-", "HTTP/1.1 200 OK", [("Content-Type", "text/plain")], "\n")
case("google-200-three-bytes", GOOGLE, "limited", "-", "HTTP/1.1 200 OK", [("Content-Type", "text/plain")], "ok\n")
case("gnome-header-any-case", GNOME, "online", "-", "HTTP/1.1 200 OK",
     [("Content-Type", "text/plain"), ("x-networkmanager-status", "ONLINE")], "ok\n")
case("gnome-body-prefix", GNOME, "online", "-", "HTTP/1.1 200 OK", [("Content-Type", "text/plain")],
     "NetworkManager is online\nand more\n")
case("redirect-same-host", GOOGLE, "captive", "http://connectivitycheck.gstatic.com/portal/login?orig=generate_204",
     "HTTP/1.1 302 Found", [("Location", "/portal/login?orig=generate_204")])
case("redirect-to-itself", GOOGLE, "captive", "-", "HTTP/1.1 302 Found", [("Location", GOOGLE), ("Set-Cookie", "cp=1")])
case("redirect-to-https-twin", GOOGLE, "captive", "-", "HTTP/1.1 301 Moved Permanently",
     [("Location", "https://connectivitycheck.gstatic.com/generate_204")])
with open(os.path.join(OUT, "truncated-head-location.http"), "wb") as f:  # cut off inside the Location line
    f.write(b"HTTP/1.1 302 Found\r\nServer: portal\r\nLocation: http://10.9.0.1/lo")
rows.append(("truncated-head-location.http", APPLE, "captive", "-"))

with open(os.path.join(OUT, "expected.tsv"), "w", newline="\n") as f:
    f.write("# file\tprobe URL\texpected verdict\texpected login URL (- for none)\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
print(len(rows), "responses written to", os.path.normpath(OUT))
