// `check --format sarif` and `check --summary`, run as a user would (the real binary, in the
// fixture's folder so paths stay relative): exact expected output for
// tests/e2e/data/check-formats/, whose line 2 of client.log has a 4-byte and a 2-byte
// character before the code (byte, UTF-16 and code point columns all differ there).
// The SARIF log against the SARIF 2.1.0 JSON schema: tests/e2e/validate_sarif.py.
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "../support/lsp_test_client.h"

namespace {

namespace fs = std::filesystem;

const std::string kData = WINERR_SOURCE_DIR "/tests/e2e/data/check-formats";

struct Run {
  std::string out, err;
  int code;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// winerr-ls ARGS in folder DIR (a shell line: quote what needs it); stdout and stderr apart.
Run run_in(const std::string& dir, const std::string& args) {
  const char* bin = std::getenv("WINERR_LS");
  const std::string err_file = (fs::temp_directory_path() / ("winerr-formats-err-" + std::to_string(::getpid()))).string();
  const std::string cmd = "cd '" + dir + "' && '" + std::string(bin ? bin : "winerr-ls") + "' " + args + " 2>'" + err_file + "'";
  const lsp_test::ShellRun done = lsp_test::run_shell(cmd);
  Run r{done.out, slurp(err_file), done.code};
  fs::remove(err_file);
  return r;
}

std::string version() {
  const auto v = run_in(kData, "--version").out;  // "winerr-ls 0.1.0\n"
  REQUIRE(v.rfind("winerr-ls ", 0) == 0);
  return v.substr(10, v.size() - 11);
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

}  // namespace

TEST_CASE("cli formats: check --format sarif prints the expected SARIF log, byte for byte") {
  const auto r = run_in(kData, "check --format sarif client.log gateway.log");
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == replace_all(slurp(kData + "/expected.sarif"), "@VERSION@", version()));
  // Deterministic: a second run gives the same bytes.
  CHECK(run_in(kData, "check --format sarif client.log gateway.log").out == r.out);
}

TEST_CASE("cli formats: SARIF columns are UTF-16 code units, endColumn one past the code") {
  const auto log = nlohmann::json::parse(run_in(kData, "check --format sarif client.log").out);
  const auto& run = log["runs"][0];
  CHECK(run["columnKind"] == "utf16CodeUnits");
  // Line 2: "🔒 Jörg: ... code: 0x000035e9": 59 bytes, 56 UTF-16 units, 55 code points before the code.
  bool seen = false;
  for (const auto& res : run["results"]) {
    const auto& region = res["locations"][0]["physicalLocation"]["region"];
    if (region["startLine"] != 2) continue;
    seen = true;
    CHECK(region["startColumn"] == 57);
    CHECK(region["endColumn"] == 67);  // "0x000035e9" is 10 units
  }
  CHECK(seen);
  // The text output keeps byte columns for the same finding.
  CHECK(run_in(kData, "check client.log").out.find("client.log:2:60: error:") != std::string::npos);
}

TEST_CASE("cli formats: SARIF artifact URIs — relative stays relative and %-encoded, absolute is a file: URI") {
  const fs::path dir = fresh_dir("winerr-sarif-uri");
  fs::create_directories(dir / "sub dir");
  std::ofstream(dir / "sub dir" / "vpn #1.log") << "IKE error code: 13801\n";
  auto uri_of = [](const std::string& out) {
    return nlohmann::json::parse(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
  };
  CHECK(uri_of(run_in(dir.string(), "check --format sarif 'sub dir/vpn #1.log'").out) == "sub%20dir/vpn%20%231.log");
  CHECK(uri_of(run_in(dir.string(), "check --format sarif ./'sub dir'").out) == "./sub%20dir/vpn%20%231.log");
  const std::string abs = uri_of(run_in("/", "check --format sarif '" + (dir / "sub dir").string() + "'").out);
  CHECK(abs.rfind("file:///", 0) == 0);
  const std::string tail = "/sub%20dir/vpn%20%231.log";
  CHECK(abs.ends_with(tail));
  CHECK(abs.size() > tail.size() + 8);
  // Standard input has no URI, only a description.
  const auto in = nlohmann::json::parse(run_in(dir.string(), "check --format sarif - < 'sub dir/vpn #1.log'").out);
  const auto& loc = in["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  CHECK(!loc.contains("uri"));
  CHECK(loc["description"]["text"] == "standard input");
  fs::remove_all(dir);
}

TEST_CASE("cli formats: SARIF keeps the filtering and exit codes of the text output") {
  const fs::path dir = fresh_dir("winerr-sarif-filter");
  std::ofstream(dir / ".winerr.json") << R"({"ignore": ["ERROR_IPSEC_IKE_NO_CERT"]})";
  std::ofstream(dir / "a.log") << "failure error code: 13801\nreturned hr=0x800735EE\nvalue 0x35EE\n";
  std::ofstream(dir / "b.log") << "value 0x35E9\n";  // a possible finding only (hint)
  auto rule_ids = [](const std::string& out) {
    std::vector<std::string> ids;
    const auto log = nlohmann::json::parse(out);  // kept: a range-for over parse(out)[...] would dangle
    for (const auto& res : log["runs"][0]["results"]) ids.push_back(res["ruleId"]);
    return ids;
  };
  const auto all = run_in(dir.string(), "check --format sarif a.log b.log");
  CHECK(all.code == 0);
  CHECK(rule_ids(all.out) == std::vector<std::string>{"ERROR_IPSEC_IKE_AUTH_FAIL", "ERROR_IPSEC_IKE_AUTH_FAIL"});
  const auto rules = nlohmann::json::parse(all.out)["runs"][0]["tool"]["driver"]["rules"];
  CHECK(rules.size() == 1);  // the ignored code has no rule either
  CHECK(rule_ids(run_in(dir.string(), "check --format sarif --certain-only a.log b.log").out) ==
        std::vector<std::string>{"ERROR_IPSEC_IKE_AUTH_FAIL"});
  CHECK(run_in(dir.string(), "check --format sarif --fail-on error a.log").code == 1);
  CHECK(run_in(dir.string(), "check --format sarif --fail-on error b.log").code == 0);
  CHECK(run_in(dir.string(), "check --format sarif --fail-on any b.log").code == 1);
  // An empty log is still a valid log: one run, no rules, no results.
  const auto none = nlohmann::json::parse(run_in(dir.string(), "check --format sarif --certain-only b.log").out);
  CHECK(none["runs"][0]["results"].empty());
  CHECK(none["runs"][0]["tool"]["driver"]["rules"].empty());
  // A missing file: exit 2, said on stderr, stdout still one SARIF log of the rest.
  const auto missing = run_in(dir.string(), "check --format sarif a.log nope.log");
  CHECK(missing.code == 2);
  CHECK(missing.err.find("nope.log") != std::string::npos);
  CHECK(rule_ids(missing.out) == std::vector<std::string>{"ERROR_IPSEC_IKE_AUTH_FAIL"});
  fs::remove_all(dir);
}

TEST_CASE("cli formats: check --summary prints counts per file and code, then the total") {
  const auto r = run_in(kData, "check --summary client.log gateway.log");
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == slurp(kData + "/expected-summary.txt"));
  const auto j = run_in(kData, "check --summary --format json client.log gateway.log");
  CHECK(j.code == 0);
  CHECK(j.out == slurp(kData + "/expected-summary.json"));
  // The JSON is the text's numbers.
  const auto parsed = nlohmann::json::parse(j.out);
  CHECK(parsed["total"]["findings"] == 7);
  CHECK(parsed["files"][0]["codes"][0]["last_line"] == 6);
  // --fail-on and --certain-only as for the finding lines.
  CHECK(run_in(kData, "check --summary --fail-on error client.log").code == 1);
  CHECK(run_in(kData, "check --summary --certain-only gateway.log").out == "total: 0 files, 0 codes, 0 findings\n");
  const auto sarif = run_in(kData, "check --summary --format sarif client.log");
  CHECK(sarif.code == 2);
  CHECK(sarif.out.empty());
  CHECK(sarif.err == "winerr-ls: --summary prints text or json, not sarif\n");
}
