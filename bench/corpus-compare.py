#!/usr/bin/env python3
"""Scores two winerr-ls binaries on the labeled corpus (tests/corpus/cases.tsv), the way a
user runs them: each snippet is written to a file and read by `winerr-ls check --format json`.
Prints recall (labeled mentions found with their form and confidence) and precision (certain
findings that match a certain label) per form and per class for both, then, per class, one
case where their findings differ — the before/after table of the detection work.

Usage: bench/corpus-compare.py BEFORE_BINARY AFTER_BINARY [--class CLASS]
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "..", "tests", "corpus", "cases.tsv")


def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            c = s[i + 1]
            out.append("\n" if c == "n" else "\t" if c == "t" else c)
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def load():
    cases = []
    with open(CASES, encoding="utf-8") as f:
        header = False
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            if not header:
                header = True
                continue
            cols = line.split("\t")
            text = unescape(cols[2])
            klass = cols[4].strip() if len(cols) > 4 else "general"
            labels = []
            for item in cols[3].split(";"):
                item = item.strip()
                if not item:
                    continue
                trap = item.startswith("!")
                body = item[1:] if trap else item
                value = form = conf = None
                if not trap:
                    body, rest = body.rsplit("=", 1)
                    value, form, conf = rest.split("/")
                    value = int(value)
                nth = 1
                if "#" in body[1:]:
                    tok, n = body.rsplit("#", 1)
                    if n.isdigit():
                        body, nth = tok, int(n)
                pos = -1
                for _ in range(nth):
                    pos = text.find(body, pos + 1)
                labels.append(dict(token=body, begin=len(text[:pos].encode()), trap=trap, value=value, form=form, conf=conf))
            cases.append(dict(id=cols[0], text=text, klass=klass, labels=labels))
    return cases


def findings(binary, text, workdir):
    path = os.path.join(workdir, "case.log")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    out = subprocess.run([binary, "check", "--format", "json", path], capture_output=True, text=True).stdout
    raw = text.encode()
    # Line/column (1-based, bytes) back to byte offsets; lines end at \n, \r\n or a lone \r.
    starts = [0]
    i = 0
    while i < len(raw):
        if raw[i : i + 1] == b"\n" or (raw[i : i + 1] == b"\r" and raw[i + 1 : i + 2] != b"\n"):
            starts.append(i + 1)
        i += 1
    res = []
    for line in out.splitlines():
        j = json.loads(line)
        b = starts[j["line"] - 1] + j["column"] - 1
        e = starts[j["line"] - 1] + j["end_column"] - 1
        res.append(dict(begin=b, end=e, value=j["value"], form=j["form"], conf=j["confidence"], token=raw[b:e].decode(errors="replace")))
    return res


def score(case, fs):
    """(labeled, found, certain_reported, certain_right, traps_hit) for one case."""
    labeled = found = reported = right = traps = 0
    used = [False] * len(fs)
    for l in case["labels"]:
        if l["trap"]:
            end = l["begin"] + len(l["token"].encode())
            traps += sum(1 for f in fs if f["begin"] < end and l["begin"] < f["end"])
            continue
        labeled += 1
        for k, f in enumerate(fs):
            if f["begin"] == l["begin"] and f["value"] == l["value"] and f["form"] == l["form"] and f["conf"] == l["conf"]:
                used[k] = True
                found += 1
                break
    for k, f in enumerate(fs):
        if f["conf"] == "certain":
            reported += 1
            right += used[k]
    return labeled, found, reported, right, traps


def pct(a, b):
    return 100.0 * a / b if b else 100.0


def main():
    args = sys.argv[1:]
    only = None
    if "--class" in args:
        i = args.index("--class")
        only = args[i + 1]
        del args[i : i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    before, after = args
    cases = [c for c in load() if only is None or c["klass"] == only]
    tallies = {}
    examples = {}
    with tempfile.TemporaryDirectory() as wd:
        for c in cases:
            fb, fa = findings(before, c["text"], wd), findings(after, c["text"], wd)
            for name, fs in (("before", fb), ("after", fa)):
                s = score(c, fs)
                for group in ("class " + c["klass"], "all"):
                    t = tallies.setdefault((group, name), [0, 0, 0, 0, 0])
                    for i in range(5):
                        t[i] += s[i]
            show = lambda fs: ", ".join(f'{f["token"]} {f["conf"]}' for f in fs) or "nothing"
            if show(fb) != show(fa) and c["klass"] not in examples:
                examples[c["klass"]] = (c, show(fb), show(fa))
    print(f'{"group":28} {"":6} {"labeled":>7} {"found":>6} {"recall":>7} {"certain":>8} {"right":>6} {"precision":>9} {"traps hit":>9}')
    for group in sorted({g for g, _ in tallies}):
        for name in ("before", "after"):
            l, f, r, ok, tr = tallies[(group, name)]
            print(f"{group:28} {name:6} {l:7} {f:6} {pct(f, l):6.1f}% {r:8} {ok:6} {pct(ok, r):8.1f}% {tr:9}")
    print("\nper class, one case whose findings changed:")
    for klass, (c, b, a) in sorted(examples.items()):
        snippet = c["text"].replace("\n", "\\n")
        if len(snippet) > 110:
            snippet = snippet[:107] + "..."
        print(f'- {klass} ({c["id"]}): {snippet}\n    before: {b}\n    after:  {a}')


if __name__ == "__main__":
    main()
