#!/usr/bin/env python3
"""Long lines (issue 24, failures 6-8): the server on a one-line log, next to the same bytes in
ordinary lines. Prints figures only; the e2e tests (audit 6-8) assert the behaviour.

  python3 bench/long_lines.py WINERR_LS [MB]      (MB of log, 20 by default; files go to /tmp)

The log repeats `x`*1000 + " error 13801 " with no line break (and, for comparison, with one after
each repetition). For each: didOpen -> diagnostics, then hover, codeAction and documentHighlight
at the middle and at the end of the text (median of 5); winerr.scanFile of the file on disk with
a fresh server's peak RSS (VmHWM); and the time from closing the server's stdin, right after the
didOpen, to its exit.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

UNIT = "x" * 1000 + " error 13801 "


class Server:
    def __init__(self, exe):
        self.p = subprocess.Popen([exe], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next_id = 0
        self.request("initialize", {"capabilities": {}})
        self.notify("initialized", {})

    def raw(self, obj):
        body = json.dumps(obj).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self):
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            header += self.p.stdout.read(1)
        length = next(int(l.split(b":")[1]) for l in header.split(b"\r\n") if l.lower().startswith(b"content-length"))
        return json.loads(self.p.stdout.read(length))

    def notify(self, method, params):
        self.raw({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        self.raw({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            m = self.read()
            if m.get("id") == self.next_id and "method" not in m:
                return m

    def diagnostics(self, uri):
        while True:
            m = self.read()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                return m["params"]["diagnostics"]

    def peak_rss_mb(self):
        with open("/proc/%d/status" % self.p.pid) as f:
            return next(int(l.split()[1]) for l in f if l.startswith("VmHWM")) // 1024

    def close(self):
        self.p.kill()
        self.p.wait()


def median_ms(fn, n=5):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def probe(exe, path, one_line):
    text = open(path).read()
    uri = "file://" + path
    s = Server(exe)
    t = time.perf_counter()
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "log", "version": 1, "text": text}})
    shown = len(s.diagnostics(uri))
    print("  didOpen -> diagnostics: %.0f ms (%d shown; includes this client's JSON encoding)" % ((time.perf_counter() - t) * 1000, shown))
    if one_line:
        for where, offset in (("middle", text.find("13801", len(text) // 2)), ("end", text.rfind("13801"))):
            at = {"line": 0, "character": offset + 2}
            doc = {"uri": uri}
            figures = [
                ("hover", median_ms(lambda: s.request("textDocument/hover", {"textDocument": doc, "position": at}))),
                ("codeAction", median_ms(lambda: s.request("textDocument/codeAction", {
                    "textDocument": doc, "range": {"start": at, "end": at}, "context": {"diagnostics": []}}))),
                ("documentHighlight", median_ms(lambda: s.request("textDocument/documentHighlight", {"textDocument": doc, "position": at}))),
            ]
            print("  at the %s: " % where + ", ".join("%s %.2f ms" % f for f in figures) + " (median of 5)")
    s.close()

    s = Server(exe)
    t = time.perf_counter()
    r = s.request("workspace/executeCommand", {"command": "winerr.scanFile", "arguments": [uri]})
    result = r.get("result") or r.get("error")
    print("  winerr.scanFile: %.0f ms, %s lines, peak RSS %d MB" % ((time.perf_counter() - t) * 1000, result.get("lines", result), s.peak_rss_mb()))
    s.close()

    s = Server(exe)
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "log", "version": 1, "text": text}})
    s.request("winerr/noSuchMethod", {})  # answered once the didOpen is handled: the scan has begun
    t = time.perf_counter()
    s.p.stdin.close()
    code = s.p.wait()
    print("  end of input during the scan -> exit %d after %.0f ms" % (code, (time.perf_counter() - t) * 1000))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    exe, mb = os.path.abspath(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 20
    repeats = mb * 1024 * 1024 // len(UNIT)
    with tempfile.TemporaryDirectory() as tmp:
        for one_line in (True, False):
            path = os.path.join(tmp, "one-line.log" if one_line else "lines.log")
            with open(path, "w") as f:
                f.write(UNIT * repeats if one_line else (UNIT + "\n") * repeats)
            print("%d MB, %s:" % (mb, "one line" if one_line else "%d lines" % repeats))
            probe(exe, path, one_line)


if __name__ == "__main__":
    main()
