#!/usr/bin/env python3
"""One LSP session over stdio against a winerr-ls binary, asserting exact fields.

Used for the cross builds (winerr-ls.exe under wine, the arm64 binary under qemu-aarch64) and
the native one. Portable: only the standard library, Content-Length framing by hand.

  lsp_session.py --style windows -- wine build/windows-x64-release/winerr-ls.exe
  lsp_session.py --style posix   -- qemu-aarch64 build/linux-arm64/winerr-ls
  lsp_session.py --style windows --transport listen -- wine .../winerr-ls.exe   (over TCP)

--transport: stdio (default); listen (the server gets `--listen 127.0.0.1:0`, we read the port
from its "listening on" line, connect, and check a second connection gets nothing); socket
(we listen, the server gets `--socket=PORT` and connects to us, vscode-languageclient's way).
--dead-editor: instead of the session, initialize with the processId of a process that does
not exist and check the server ends by itself within 2 s.
--stop-signal: after initialize, send SIGTERM (posix) or SIGINT (windows: wine turns it into
a Ctrl+C console event, Windows' way to ask a console program to stop) and check a clean exit 0.

The session: initialize -> initialized -> didOpen of a CRLF log (Windows: a file:///c%3A/...
URI, as VS Code sends it) -> publishDiagnostics (the 13801 error with its exact range and
fields, the 0x000035e9 one, a code after a non-ASCII name in UTF-16 columns) -> hover ->
codeAction (on the log; and on a CRLF PowerShell script beside it) -> shutdown (result null) -> exit with stdin still open -> exit code 0, and not
one stray byte on stdout. Exit 0 when every check passed, 1 otherwise.
"""
import argparse
import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time

TIMEOUT = float(os.environ.get("WINERR_SESSION_TIMEOUT", "60"))

LINES = [
    "2026-11-20 08:14:02.113 RasClient 20227: The user CONTOSO\\alice dialed a connection named "
    "Contoso VPN which has failed. The error code returned on failure is 13801.",
    "2026-11-20 08:14:02.120 IKEEXT: Main mode failure, failure point: Remote, failure error code: 0x000035e9",
    "2026-11-20 08:14:09.450 Benutzer j\u00fcrgen \U0001F600: failed with error 13801",
    "2026-11-20 08:16:05.311 Connection attempt from 192.0.2.13 port 13801 (pid 13806) - not error codes",
]
TEXT = "\r\n".join(LINES) + "\r\n"  # as Notepad and the VPN client write it

AUTH_FAIL_MESSAGE = "13801 IKE authentication credentials are unacceptable"

failures = []


def check(cond, what):
    print(("  ok    " if cond else "  FAIL  ") + what)
    if not cond:
        failures.append(what)
    return cond


def utf16_col(line, sub):
    """UTF-16 column of sub in line (the server's default position encoding)."""
    i = line.index(sub)
    return len(line[:i].encode("utf-16-le")) // 2


class Server:
    def __init__(self, argv, transport="stdio"):
        self.msgs = queue.Queue()
        self.stray = b""
        self.framing_error = None
        self.stderr = b""
        self.listening = queue.Queue()  # the port of the server's "listening on" line
        self.next_id = 1
        self.port = None
        self.second_connection = None
        if transport == "socket":
            lsock = socket.socket()
            lsock.bind(("127.0.0.1", 0))
            lsock.listen(1)
            argv = argv + ["--socket=%d" % lsock.getsockname()[1]]
        elif transport == "listen":
            argv = argv + ["--listen", "127.0.0.1:0"]
        stdin = subprocess.DEVNULL if transport != "stdio" else subprocess.PIPE
        self.p = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        threading.Thread(target=self._read_stderr, daemon=True).start()
        if transport == "stdio":
            self.rd, self.wr = self.p.stdout, self.p.stdin
        else:
            if transport == "socket":
                lsock.settimeout(TIMEOUT)
                conn, _ = lsock.accept()
                lsock.close()
            else:
                self.port = self.listening.get(timeout=TIMEOUT)
                conn = socket.create_connection(("127.0.0.1", self.port), timeout=TIMEOUT)
            conn.settimeout(None)
            self.conn = conn
            self.rd, self.wr = conn.makefile("rb"), conn.makefile("wb")
        threading.Thread(target=self._read_stdout, daemon=True).start()

    def _read_stderr(self):
        for line in iter(self.p.stderr.readline, b""):
            self.stderr += line
            m = re.match(rb"listening on 127\.0\.0\.1:(\d+)", line)
            if m:
                self.listening.put(int(m.group(1)))

    def try_second_connection(self):
        """A second client while the first is served: refused, or closed without a byte."""
        try:
            c = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        except OSError as e:
            return "refused (%s)" % type(e).__name__
        try:
            c.settimeout(10)
            data = c.recv(100)
            return "closed without a byte" if data == b"" else "got %r" % data[:40]
        except ConnectionResetError:
            return "reset"
        except socket.timeout:
            return "still open after 10 s"
        finally:
            c.close()

    def _read_stdout(self):
        buf = b""
        out = self.rd
        while True:
            while b"\r\n\r\n" not in buf:
                chunk = out.read1(65536)
                if not chunk:
                    self.stray = buf
                    self.msgs.put(None)
                    return
                buf += chunk
            head, buf = buf.split(b"\r\n\r\n", 1)
            length = None
            for h in head.split(b"\r\n"):
                name, _, value = h.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            if length is None:
                self.framing_error = "header without Content-Length: %r" % head
                self.msgs.put(None)
                return
            while len(buf) < length:
                chunk = out.read1(65536)
                if not chunk:
                    self.framing_error = "stream ended inside a body"
                    self.msgs.put(None)
                    return
                buf += chunk
            body, buf = buf[:length], buf[length:]
            try:
                self.msgs.put(json.loads(body.decode("utf-8")))
            except ValueError as e:  # e.g. "\n" turned into "\r\n" in text mode
                self.framing_error = "body is not JSON (%s): %r" % (e, body[:200])
                self.msgs.put(None)
                return

    def send(self, msg):
        body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
        self.wr.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.wr.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return rid

    def wait_for(self, pred, what):
        deadline = time.monotonic() + TIMEOUT
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("timed out waiting for " + what)
            try:
                m = self.msgs.get(timeout=left)
            except queue.Empty:
                raise AssertionError("timed out waiting for " + what)
            if m is None:
                raise AssertionError("stdout ended waiting for %s (%s)" % (what, self.framing_error or "eof"))
            if "method" in m and "id" in m:  # a request from the server: answer it
                self.send({"jsonrpc": "2.0", "id": m["id"], "result": None})
                continue
            if pred(m):
                return m

    def response(self, rid):
        return self.wait_for(lambda m: m.get("id") == rid and "method" not in m, "response %d" % rid)


def ps1_uri(uri):
    """A script beside the log: .../Logs/vpn.log -> .../Scripts/vpn-check.ps1."""
    return uri.rsplit("/Logs/", 1)[0] + "/Scripts/vpn-check.ps1"


def rng(l1, c1, l2, c2):
    return {"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}}


def session(argv, uri, transport):
    s = Server(argv, transport)
    try:
        init = s.response(s.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}}))
        caps = init.get("result", {}).get("capabilities", {})
        if transport == "listen":
            what = s.try_second_connection()
            check(what in ("closed without a byte", "reset") or what.startswith("refused"),
                  "listen: a second client while one is served is turned away: " + what)
        check("hoverProvider" in caps and "codeActionProvider" in caps, "initialize: hover and code actions offered")
        check(caps.get("positionEncoding", "utf-16") == "utf-16", "initialize: UTF-16 positions by default")
        s.notify("initialized", {})
        s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "log", "version": 1, "text": TEXT}})

        pub = s.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"].get("uri") == uri and m["params"].get("diagnostics"),
                         "publishDiagnostics for " + uri)
        diags = pub["params"]["diagnostics"]
        check(pub["params"]["uri"] == uri, "diagnostics come back for the URI exactly as sent: " + uri)
        by_start = {(d["range"]["start"]["line"], d["range"]["start"]["character"]): d for d in diags}

        c0 = utf16_col(LINES[0], "13801.")
        d = by_start.get((0, c0))
        if check(d is not None, "line 0: a diagnostic at 13801 (col %d)" % c0):
            check(d["range"] == rng(0, c0, 0, c0 + 5), "line 0: exact range %s" % json.dumps(d["range"]))
            check(d.get("severity") == 1, "line 0: severity Error")
            check(d.get("code") == "ERROR_IPSEC_IKE_AUTH_FAIL", "line 0: code ERROR_IPSEC_IKE_AUTH_FAIL")
            check(d.get("message") == AUTH_FAIL_MESSAGE, "line 0: message %r" % d.get("message"))
            check(d.get("data") == {"value": 13801, "family": "win32", "form": "decimal", "confidence": "certain",
                                    "why": "found as a decimal: the word `failure` before it in its sentence"},
                  "line 0: data %s" % json.dumps(d.get("data")))
        c1 = utf16_col(LINES[1], "0x000035e9")
        d1 = by_start.get((1, c1))
        if check(d1 is not None, "line 1 (after a CRLF): a diagnostic at 0x000035e9 (col %d)" % c1):
            check(d1["range"] == rng(1, c1, 1, c1 + 10), "line 1: exact range, no \\r in it")
            check(d1.get("code") == "ERROR_IPSEC_IKE_AUTH_FAIL" and d1["data"]["form"] == "hex", "line 1: hex form of 13801")
        c2 = utf16_col(LINES[2], "13801")
        check(len(LINES[2][:LINES[2].index("13801")].encode("utf-8")) != c2, "line 2: UTF-16 column differs from the byte column")
        d2 = by_start.get((2, c2))
        if check(d2 is not None, "line 2: 13801 after 'j\u00fcrgen \U0001F600' at UTF-16 col %d" % c2):
            check(d2["range"] == rng(2, c2, 2, c2 + 5), "line 2: exact range")
        check(all(x["range"]["start"]["line"] != 3 for x in diags), "line 3: nothing in 'port 13801 (pid 13806)'")
        check(len(diags) == 3, "exactly 3 diagnostics (got %d)" % len(diags))

        h = s.response(s.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": c0 + 2}}))
        res = h.get("result") or {}
        md = (res.get("contents") or {}).get("value", "")
        check((res.get("contents") or {}).get("kind") == "markdown", "hover: markdown")
        check(res.get("range") == rng(0, c0, 0, c0 + 5), "hover: range of 13801")
        check("ERROR_IPSEC_IKE_AUTH_FAIL" in md and "IKE authentication credentials are unacceptable" in md,
              "hover: name and Windows' text")
        check("0x35E9" in md and "0x800735E9" in md, "hover: the hex and HRESULT spellings")

        # A code action: on a log there are none to offer (names only in C/C++, numbers kept);
        # a PowerShell script (also CRLF) gets "Replace with 0x35E9" for 13801.
        ca = s.response(s.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": rng(0, c0, 0, c0 + 5),
                                                              "context": {"diagnostics": []}}))
        check("error" not in ca and isinstance(ca.get("result"), list), "codeAction on the log: a list, no error")
        ps1 = ps1_uri(uri)
        s.notify("textDocument/didOpen", {"textDocument": {"uri": ps1, "languageId": "powershell", "version": 1,
                                                           "text": "# check the VPN\r\nif ($rc -eq 13801) { exit 1 }\r\n"}})
        tok = rng(1, 12, 1, 17)
        ca = s.response(s.request("textDocument/codeAction", {"textDocument": {"uri": ps1}, "range": tok,
                                                              "context": {"diagnostics": []}}))
        explain = "Explain 13801 (ERROR_IPSEC_IKE_AUTH_FAIL)"
        want = [{"title": "Replace with 0x35E9", "kind": "refactor.rewrite",
                 "edit": {"changes": {ps1: [{"range": tok, "newText": "0x35E9"}]}}},
                {"title": explain, "kind": "quickfix",
                 "command": {"title": explain, "command": "winerr.explain", "arguments": ["ERROR_IPSEC_IKE_AUTH_FAIL"]}},
                {"title": "Ignore 13801 on this line", "kind": "quickfix",
                 "edit": {"changes": {ps1: [{"range": rng(1, 29, 1, 29), "newText": "  # winerr-ignore 13801"}]}}}]
        check(ca.get("result") == want, "codeAction on %s line 1: exactly 'Replace with 0x35E9', 'Explain' and 'Ignore on this line', keyed by the URI as sent (got %s)"
              % (ps1, json.dumps(ca.get("result"))[:300]))

        sd = s.response(s.request("shutdown", None))
        check("result" in sd and sd["result"] is None and "error" not in sd, "shutdown: result null")
        s.notify("exit", None)
        # stdin (or the socket) stays open: the server must end by itself (the reader is interrupted).
        try:
            rc = s.p.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            check(False, "exit: process ended within %ds with stdin still open" % TIMEOUT)
            s.p.kill()
            rc = s.p.wait()
        check(rc == 0, "exit: exit code 0 (got %s)" % rc)
    except AssertionError as e:
        check(False, str(e))
        s.p.kill()
        s.p.wait()
    finally:
        try:
            s.wr.close()
        except OSError:
            pass
    time.sleep(0.2)
    check(s.framing_error is None, "framing: every message well-formed (%s)" % (s.framing_error or "yes"))
    check(s.stray == b"", "framing: no stray bytes on stdout (%r)" % s.stray[:80])
    if failures and s.stderr:
        sys.stderr.write("server stderr:\n" + s.stderr.decode("utf-8", "replace")[-4000:] + "\n")


def ends_by_itself(s, what, within, want_rc):
    """After initialize: the server must end on its own within `within` s, with `want_rc`."""
    t0 = time.monotonic()
    try:
        rc = s.p.wait(timeout=10)
        took = time.monotonic() - t0
        check(took < within, "%s: the server ended by itself in %.2f s (< %g s)" % (what, took, within))
        check(rc == want_rc, "%s: exit code %d (got %s)" % (what, want_rc, rc))
    except subprocess.TimeoutExpired:
        check(False, "%s: the server still runs 10 s later" % what)
        s.p.kill()
        s.p.wait()


def short_session(argv, init_params, then):
    """initialize with `init_params`, then `then(s)`; a failed wait is a failed check."""
    s = Server(argv)
    try:
        s.response(s.request("initialize", init_params))
        then(s)
    except AssertionError as e:
        check(False, str(e))
        s.p.kill()
        s.p.wait()
    finally:
        try:
            s.wr.close()
        except OSError:
            pass


def dead_editor(argv, style):
    """initialize.processId names a process that is gone: the server ends within 2 s."""
    if style == "windows":
        pid = 0x7FFFFFFC  # Windows process ids are multiples of 4 far below this: no such process
    else:
        child = subprocess.Popen(["true"])
        child.wait()
        pid = child.pid  # reaped: no such process (reuse within the test is vanishingly unlikely)
    short_session(argv, {"processId": pid, "rootUri": None, "capabilities": {}},
                  lambda s: ends_by_itself(s, "dead editor (processId %d)" % pid, 2.0, 1))


def stop_signal(argv, style):
    """The polite stop: SIGTERM on POSIX, a Ctrl+C console event on Windows -> exit code 0."""
    import signal
    sig = signal.SIGINT if style == "windows" else signal.SIGTERM

    def stop(s):
        s.p.send_signal(sig)
        ends_by_itself(s, "%s after initialize" % signal.Signals(sig).name, 10.0, 0)
    short_session(argv, {"processId": None, "rootUri": None, "capabilities": {}}, stop)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--style", choices=["windows", "posix"], required=True)
    ap.add_argument("--transport", choices=["stdio", "listen", "socket"], default="stdio")
    ap.add_argument("--dead-editor", action="store_true")
    ap.add_argument("--stop-signal", action="store_true")
    ap.add_argument("--uri", help="document URI (default: file:///c%%3A/Logs/vpn.log or file:///tmp/Logs/vpn.log)")
    ap.add_argument("server", nargs="+", help="the server command line, after --")
    a = ap.parse_args()
    uri = a.uri or ("file:///c%3A/Logs/vpn.log" if a.style == "windows" else "file:///tmp/Logs/vpn.log")
    print("session: %s  uri=%s  transport=%s" % (" ".join(a.server), uri, a.transport))
    t0 = time.monotonic()
    if a.dead_editor:
        dead_editor(a.server, a.style)
    elif a.stop_signal:
        stop_signal(a.server, a.style)
    else:
        session(a.server, uri, a.transport)
    print("session: %d checks failed, %.1fs" % (len(failures), time.monotonic() - t0))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
