#!/usr/bin/env python3
"""server.py -- the test web server of tests/net: live pages, a Wayback
Machine look-alike (CDX listing and raw captures) and every fault versus
must report, on 127.0.0.1 at a random port.

    python3 server.py DIR [CERT KEY]

writes the port to DIR/port once listening (and, given a certificate and
its key, the port of the same pages over TLS to DIR/tlsport) and appends one line per
request to DIR/requests ("PATH<TAB>User-Agent<TAB>If-None-Match").  It runs
until killed.  Everything served is invented here; nothing leaves the
machine.
"""
import gzip
import json
import os
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qs

DIR = sys.argv[1]
LOCK = threading.Lock()
COUNTS = {}
ACTIVE = [0, 0]  # requests being answered now, and the most at once


def page(title, paras, date=None, charset_meta="utf-8"):
    head = '<meta charset="%s"><title>%s</title>' % (charset_meta, title)
    if date:
        head += '<meta property="article:modified_time" content="%s">' % date
    body = "".join("<p>%s</p>\n" % p for p in paras)
    return ("<!DOCTYPE html><html><head>%s</head><body><article><h1>%s</h1>\n%s"
            "</article></body></html>\n" % (head, title, body))


STORY = [
    "The town council voted on Tuesday to rebuild the old footbridge over the river.",
    "The work will cost 1.2 million euros and take eight months, the mayor said.",
    "Residents have used a ferry since the bridge closed in the spring floods.",
]
# Versions of one story as the archive captured them: two identical
# captures in a row (the second must be dropped).  The photo page's
# second capture is listed as HTML but served as an image.
CAPTURES = {
    "20240101080000": STORY,
    "20240102080000": STORY[:1] + [STORY[1].replace("1.2 million", "1.4 million")] + STORY[2:],
    "20240103080000": STORY[:1] + [STORY[1].replace("1.2 million", "1.4 million")] + STORY[2:],
    "20240104080000": STORY + ["The council will hold a public meeting next week."],
    "20240106080000": [STORY[0], "The mayor resigned on Friday."] + STORY[2:],
}


def cdx_rows(url, frm, to):
    header = ["timestamp", "original", "statuscode", "digest", "mimetype"]
    if "empty.example" in url:
        return [header] if "header" in url else []
    if "nohtml.example" in url:
        return [header, ["20240101080000", url, "200", "D1", "image/png"]]
    if "photo" in url:
        return [header, ["20240101080000", url, "200", "P1", "text/html"],
                ["20240105080000", url, "200", "P2", "text/html"]]
    rows = [header]
    original = url if "slow" in url or "crawl" in url else "http://example.com/story"
    for i, stamp in enumerate(sorted(CAPTURES)):
        if frm and stamp < frm.ljust(14, "0"):
            continue
        if to and stamp > to.ljust(14, "9"):
            continue
        rows.append([stamp, original, "200", "D%d" % i, "text/html"])
    return rows


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=()):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.done()
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def count(self, key):
        with LOCK:
            COUNTS[key] = COUNTS.get(key, 0) + 1
            return COUNTS[key]

    def do_GET(self):
        with LOCK:
            ACTIVE[0] += 1
            if not os.path.exists(os.path.join(DIR, "peak")):
                ACTIVE[1] = 0  # the test removed it: count afresh
            if ACTIVE[0] > ACTIVE[1]:
                ACTIVE[1] = ACTIVE[0]
                with open(os.path.join(DIR, "peak"), "w") as f:
                    f.write("%d\n" % ACTIVE[1])
        self.counted = True
        try:
            self.answer()
        finally:
            self.done()

    def done(self):
        # A request stops counting before its answer is written: once the
        # client has an answer it may start the next one, and that must
        # not find this one still counted.
        if getattr(self, "counted", False):
            self.counted = False
            with LOCK:
                ACTIVE[0] -= 1

    def answer(self):
        u = urlsplit(self.path)
        p = u.path
        with LOCK, open(os.path.join(DIR, "requests"), "a") as f:
            f.write("%s\t%s\t%s\n" % (self.path, self.headers.get("User-Agent", ""),
                                      self.headers.get("If-None-Match", "")))
        if p == "/a.html":
            return self.send(200, page("Footbridge", STORY, "2024-03-01T09:30:00Z"))
        if p == "/b.html":
            b = STORY[:1] + [STORY[1].replace("eight months", "ten months")] + STORY[2:]
            return self.send(200, page("Footbridge", b, "2024-03-02T10:00:00+01:00"))
        if p == "/modified":
            return self.send(200, page("Footbridge", STORY),
                             headers=[("Last-Modified", "Sun, 03 Mar 2024 07:05:00 GMT")])
        if p == "/plain.txt":
            return self.send(200, "Footbridge\n\n" + "\n\n".join(STORY) + "\n",
                             "text/plain; charset=utf-8")
        if p == "/ua":
            return self.send(200, page("Agent", ["Your agent is " + self.headers.get("User-Agent", "")]))
        if p == "/latin1":
            # The header says Latin-1, the page's meta lies (UTF-8): the header wins.
            body = page("Caf\u00e9", ["The caf\u00e9 on the square reopened."]).encode("cp1252")
            return self.send(200, body, "text/html; charset=ISO-8859-1")
        if p == "/badcharset":
            # An unknown charset in the header: the page's own meta decides.
            body = page("Caf\u00e9", ["The caf\u00e9 on the square reopened."])
            return self.send(200, body, "text/html; charset=x-no-such-charset")
        if p == "/gzip" or p == "/deflate":
            if "gzip" not in self.headers.get("Accept-Encoding", "") and p == "/gzip":
                return self.send(406, "no gzip asked for")
            raw = page("Footbridge", STORY).encode()
            enc = gzip.compress(raw) if p == "/gzip" else zlib.compress(raw)
            return self.send(200, enc, headers=[("Content-Encoding", p[1:])])
        if p.startswith("/redirect/"):
            n = int(p.rsplit("/", 1)[1])
            if n == 0:
                return self.send(200, page("Footbridge", STORY))
            return self.send(302, "", None, [("Location", "/redirect/%d" % (n - 1))])
        if p == "/loop":
            return self.send(302, "", None, [("Location", "/loop")])
        if p in ("/404", "/410", "/451", "/403"):
            return self.send(int(p[1:]), "no")
        if p == "/429-once":
            if self.count(p) == 1:
                return self.send(429, "slow down", headers=[("Retry-After", "1")])
            return self.send(200, page("Footbridge", STORY))
        if p == "/503-always":
            return self.send(503, "down", headers=[("Retry-After", "0")])
        if p == "/slow":
            body = page("Footbridge", STORY).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for i in range(0, len(body), 64):
                self.wfile.write(body[i:i + 64])
                self.wfile.flush()
                time.sleep(0.02)
            return
        if p == "/stall":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body><p>The start")
            self.wfile.flush()
            time.sleep(30)
            return
        if p == "/cut":
            body = page("Footbridge", STORY).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body) + 5000))
            self.end_headers()
            self.wfile.write(body)
            return
        if p == "/big" or p == "/big-nolength":
            body = page("Big", ["word " * 200] * 1000).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            if p == "/big":
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if p == "/image":
            return self.send(200, b"\x89PNG\r\n\x1a\n", "image/png")
        if p == "/changing":
            # The same story twice, then corrected.
            if self.count(p) <= 2:
                return self.send(200, page("Footbridge", STORY))
            return self.send(200, page("Footbridge", STORY[:1] + [
                STORY[1].replace("1.2 million", "1.4 million")] + STORY[2:]))
        if p == "/etag":
            tag = '"v1"'
            if self.headers.get("If-None-Match") == tag:
                return self.send(304, "", None, [("ETag", tag)])
            return self.send(200, page("Footbridge", STORY), headers=[("ETag", tag)])
        if p == "/cdx/search/cdx":
            q = parse_qs(u.query)
            url = q.get("url", [""])[0]
            if "malformed.example" in url:
                return self.send(200, '[["timestamp","original"],["2024', "application/json")
            if "broken.example" in url:
                return self.send(500, "down", headers=[("Retry-After", "0")])
            if q.get("output") != ["json"] or q.get("collapse") != ["digest"]:
                return self.send(400, "bad query")
            rows = cdx_rows(url, q.get("from", [""])[0], q.get("to", [""])[0])
            return self.send(200, json.dumps(rows) if rows else "", "application/json")
        if p.startswith("/web/"):
            stamp = p[5:].split("/", 1)[0]
            if not stamp.endswith("id_"):
                return self.send(400, "not raw")
            stamp = stamp[:-3]
            if "slow" in p:
                time.sleep(0.3)  # so that transfers overlap
            if "crawl" in p:
                time.sleep(1)  # long enough to see the progress
            if "photo" in p and stamp == "20240105080000":
                return self.send(200, b"\x89PNG\r\n\x1a\n", "image/png")
            if stamp not in CAPTURES:
                return self.send(404, "no capture")
            return self.send(200, page("Footbridge", CAPTURES[stamp]))
        return self.send(404, "unknown")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that gave up (a cut, a cap, a timeout) is expected


def main():
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    if len(sys.argv) > 3:
        import ssl
        tls = Server(("127.0.0.1", 0), Handler)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(sys.argv[2], sys.argv[3])
        tls.socket = ctx.wrap_socket(tls.socket, server_side=True)
        threading.Thread(target=tls.serve_forever, daemon=True).start()
        with open(os.path.join(DIR, "tlsport.tmp"), "w") as f:
            f.write("%d\n" % tls.server_address[1])
        os.rename(os.path.join(DIR, "tlsport.tmp"), os.path.join(DIR, "tlsport"))
    tmp = os.path.join(DIR, "port.tmp")
    with open(tmp, "w") as f:
        f.write("%d\n" % httpd.server_address[1])
    os.rename(tmp, os.path.join(DIR, "port"))
    httpd.serve_forever()


if __name__ == "__main__":
    main()
