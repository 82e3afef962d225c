#!/usr/bin/env python3
"""`winerr-ls check --format sarif` against the SARIF 2.1.0 JSON schema (tests/e2e/data/sarif/,
see the README there), with format checks (uri, uri-reference) on. Then the validator is shown
to bite: logs broken on purpose must fail. Then each result's region, read back from the file
in UTF-16 code units, must be exactly the code's spelling.

usage: validate_sarif.py WINERR_LS SOURCE_DIR
Needs python3-jsonschema and python3-rfc3987 (tests/install-deps.sh installs both).
"""
import copy
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

failures = 0
passes = 0


def check(ok, what):
    global failures, passes
    if ok:
        passes += 1
    else:
        failures += 1
        print("FAILED: " + what, file=sys.stderr)


def sarif(binary, cwd, *paths, stdin=None):
    r = subprocess.run([binary, "check", "--format", "sarif", *paths], cwd=cwd, input=stdin,
                       capture_output=True, timeout=60)
    check(r.returncode == 0, "exit 0 for %s (got %d: %s)" % (paths, r.returncode, r.stderr.decode()))
    return json.loads(r.stdout)


def main():
    binary, src = sys.argv[1], sys.argv[2]
    with open(os.path.join(src, "tests/e2e/data/sarif/sarif-2.1.0.json"), encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    checker = cls.FORMAT_CHECKER
    for fmt in ("uri", "uri-reference"):
        if fmt not in checker.checkers:
            print("validate_sarif: jsonschema cannot check format '%s' here (python3-rfc3987 missing?)" % fmt,
                  file=sys.stderr)
            return 2
    validator = cls(schema, format_checker=checker)

    def errors(log):
        return [e.message for e in validator.iter_errors(log)]

    data = os.path.join(src, "tests/e2e/data/check-formats")
    logs = {"fixture": sarif(binary, data, "client.log", "gateway.log"),
            "examples (absolute)": sarif(binary, "/", os.path.join(src, "examples"))}
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, "a b"))
        with open(os.path.join(tmp, "a b", "x#1 ü.log"), "w", encoding="utf-8") as f:
            f.write("IKE failure error code: 13801\n")
        logs["odd names"] = sarif(binary, tmp, "a b")
        logs["stdin"] = sarif(binary, tmp, "-", stdin=b"IKE failure error code: 13801\n")
    for name, log in logs.items():
        errs = errors(log)
        check(not errs, "%s: valid SARIF 2.1.0, but: %s" % (name, errs[:5]))
        check(len(log["runs"][0]["results"]) > 0, name + ": has results")

    # The validator bites: each broken copy must be rejected.
    good = logs["fixture"]
    breakers = {
        "unknown level": lambda l: l["runs"][0]["results"][0].__setitem__("level", "fatal"),
        "version 2.0.0": lambda l: l.__setitem__("version", "2.0.0"),
        "no tool": lambda l: l["runs"][0].pop("tool"),
        "startColumn 0": lambda l: l["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
        .__setitem__("startColumn", 0),
        "a space in a uri": lambda l: l["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        ["artifactLocation"].__setitem__("uri", "a b.log"),
        "unknown result property": lambda l: l["runs"][0]["results"][0].__setitem__("severity", "error"),
    }
    for name, breaker in breakers.items():
        bad = copy.deepcopy(good)
        breaker(bad)
        check(errors(bad), "the schema rejects a log with " + name)

    # Regions in UTF-16 code units name exactly the code's text in the file.
    for res in good["runs"][0]["results"]:
        loc = res["locations"][0]["physicalLocation"]
        with open(os.path.join(data, loc["artifactLocation"]["uri"]), encoding="utf-8") as f:
            line = f.read().split("\n")[loc["region"]["startLine"] - 1]
        units = line.encode("utf-16-le")
        a, b = (loc["region"]["startColumn"] - 1) * 2, (loc["region"]["endColumn"] - 1) * 2
        spelled = units[a:b].decode("utf-16-le")
        value = log_value(res, good)
        check(spelled == res["ruleId"] or as_number(spelled) in (value, 0x80070000 | value),
              "region of %s on line %d is '%s'" % (res["ruleId"], loc["region"]["startLine"], spelled))

    print("validate_sarif: %d passed, %d failed" % (passes, failures))
    return 1 if failures else 0


def log_value(res, log):
    return log["runs"][0]["tool"]["driver"]["rules"][res["ruleIndex"]]["properties"]["value"]


def as_number(spelled):
    try:
        return int(spelled, 0)
    except ValueError:
        return None


if __name__ == "__main__":
    sys.exit(main())
