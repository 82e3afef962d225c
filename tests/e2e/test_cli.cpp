// The CLI front door, run as a user would: output formats and exit codes.
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <algorithm>
#include <iterator>
#include <utility>
#include <vector>

namespace {
struct Run {
  std::string out;
  int code;
};
Run run(const std::string& args) {
  const char* bin = std::getenv("WINERR_LS");
  std::string cmd = std::string(bin ? bin : "winerr-ls") + " " + args + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  std::array<char, 4096> buf;
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  int status = ::pclose(p);
  return {out, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}
const std::string kExample = WINERR_SOURCE_DIR "/examples/vpn-client.log";
// The (line, column) of each finding of `check --format json` output (JSON Lines).
std::vector<std::pair<int, int>> lines_and_columns(const std::string& out) {
  std::vector<std::pair<int, int>> got;
  std::size_t start = 0;
  while (start < out.size()) {
    const auto eol = out.find('\n', start);
    const auto j = nlohmann::json::parse(out.substr(start, eol - start));
    got.emplace_back(j["line"].get<int>(), j["column"].get<int>());
    start = eol + 1;
  }
  return got;
}
}  // namespace

TEST_CASE("cli: check prints gcc-style lines, exit codes follow --fail-on") {
  auto r = run("check " + kExample);
  CHECK(r.code == 0);
  CHECK(r.out.find("vpn-client.log:4:159: error: 13801 IKE authentication credentials are unacceptable [ERROR_IPSEC_IKE_AUTH_FAIL]") != std::string::npos);
  CHECK(r.out.find("vpn-client.log:6:67: info: 13909 (status marker) [ERROR_IPSEC_IKE_NEG_STATUS_EXTENDED_END]") != std::string::npos);
  CHECK(r.out.find(":13:") == std::string::npos);  // "port 13801 (pid 13806)" is no finding
  CHECK(run("check --fail-on error " + kExample).code == 1);
  CHECK(run("check --fail-on error " WINERR_SOURCE_DIR "/CMakePresets.json").code == 0);
  auto missing = run("check /nonexistent/file.log");
  CHECK(missing.code == 2);
  CHECK(missing.out.find("/nonexistent/file.log") != std::string::npos);
  CHECK(run("check --format yaml " + kExample).code == 2);
  CHECK(run("check").code == 2);
}

TEST_CASE("cli: check prints one line per mention: 13801(ERROR_IPSEC_IKE_AUTH_FAIL), 13806 (0x35EE)") {
  const std::string file = "/tmp/winerr-cli-one-mention.log";
  std::ofstream(file) << "error 13801(ERROR_IPSEC_IKE_AUTH_FAIL)\nIKE 13806 (0x35EE) again\nERROR_IPSEC_IKE_NO_CERT\n";
  auto r = run("check --format json " + file);
  REQUIRE(r.code == 0);
  const auto got = lines_and_columns(r.out);
  CHECK(got == std::vector<std::pair<int, int>>{{1, 7}, {2, 5}, {3, 1}});
}

TEST_CASE("cli: check counts lines at LF, CR LF and a lone CR, as the editor does") {
  // Line numbers come from the document's line index: each ending counts once, "\r\n" too.
  const std::string file = "/tmp/winerr-cli-line-endings.log";
  std::ofstream(file, std::ios::binary) << "a\r  error 13801\rb\r\nERROR_IPSEC_IKE_AUTH_FAIL x\n\nIKE hr 0x35E9\r";
  auto r = run("check --format json " + file);
  REQUIRE(r.code == 0);
  const auto got = lines_and_columns(r.out);
  CHECK(got == std::vector<std::pair<int, int>>{{2, 9}, {4, 1}, {6, 8}});
}

TEST_CASE("cli: check --format json gives one object per finding, directories are walked") {
  auto r = run("check --format json " WINERR_SOURCE_DIR "/examples");
  REQUIRE(r.code == 0);
  std::size_t n = 0, start = 0;
  while (start < r.out.size()) {
    auto eol = r.out.find('\n', start);
    auto j = nlohmann::json::parse(r.out.substr(start, eol - start));
    CHECK(j.contains("path"));
    CHECK(j.contains("column"));
    CHECK(j.contains("end_column"));
    CHECK(j.contains("confidence"));
    if (j["line"] == 4 && j["value"] == 13801) {
      CHECK(j["form"] == "decimal");
      CHECK(j["column"] == 159);
      CHECK(j["end_column"] == 164);
    }
    ++n;
    start = eol + 1;
  }
  CHECK(n >= 10);
}

TEST_CASE("cli: explain any spelling, words, json, unknown is exit 1") {
  for (const char* code : {"13801", "0x35E9", "0x800735E9", "-2147011095", "2147956201", "ERROR_IPSEC_IKE_AUTH_FAIL", "error_ipsec_ike_auth_fail"}) {
    INFO(code);
    auto r = run(std::string("explain ") + code);
    CHECK(r.code == 0);
    CHECK(r.out.rfind("ERROR_IPSEC_IKE_AUTH_FAIL (13801, 0x35E9)", 0) == 0);
    CHECK(r.out.find("What to check:") != std::string::npos);
  }
  auto words = run("explain \"credentials are unacceptable\"");
  CHECK(words.code == 0);
  CHECK(words.out.find("ERROR_IPSEC_IKE_AUTH_FAIL (13801") != std::string::npos);
  auto several = run("explain \"too long\"");
  CHECK(several.out.find("codes match") != std::string::npos);
  auto j = nlohmann::json::parse(run("explain --format json 0x3655").out);
  REQUIRE(j.size() == 1);
  CHECK(j[0]["range_marker"] == true);
  CHECK(j[0]["hresult"] == "0x80073655");
  auto nt = run("explain STATUS_IPSEC_BAD_SPI");
  CHECK(nt.out.find("ERROR_IPSEC_BAD_SPI (13910)") != std::string::npos);
  CHECK(nt.out.find("MS-ERREF") != std::string::npos);
  auto bad = run("explain 12345");
  CHECK(bad.code == 1);
  CHECK(bad.out.find("unknown code '12345'") != std::string::npos);
}

TEST_CASE("cli: catalog --json has all codes, neighbours and their explanations") {
  auto r = run("catalog --json");
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["codes"].size() == 153);
  CHECK(j["neighbours"].size() == 86);
  for (auto& c : j["codes"]) {
    INFO(c["name"]);
    CHECK(c.contains("summary"));
    CHECK(c.contains("meaning"));
    CHECK(c.contains("where"));
    CHECK(c.contains("causes"));
    CHECK(c.contains("checks"));
    CHECK(c.contains("hresult"));
    CHECK(c.contains("sub_range"));
  }
  CHECK(j["codes"][0]["message"] == "The specified quick mode policy already exists.");
}

TEST_CASE("cli: a bad --catalog file is a clear error naming file, entry and field") {
  std::string path = "/tmp/winerr-ls-test-bad-catalog.json";
  std::ofstream(path) << R"({"entries": [{"value": 13801, "runbok": "x"}]})";
  auto r = run("explain --catalog " + path + " 13801");
  CHECK(r.code == 2);
  CHECK(r.out.find(path + ": entries[0] (13801): unknown field 'runbok'") != std::string::npos);
  std::ofstream(path) << R"({"entries": [{"value": 13801, "runbook": "https://wiki.example/13801"}]})";
  auto ok = run("explain --catalog " + path + " 13801");
  CHECK(ok.code == 0);
  CHECK(ok.out.find("Runbook: https://wiki.example/13801") != std::string::npos);
}

// `check --follow FILE`: the file's findings at once, then those of lines appended later, the
// same lines plain `check` prints for the whole file; SIGTERM ends it cleanly (exit 0).
TEST_CASE("cli: check --follow prints what a growing log appends, and stops on SIGTERM") {
  const std::string file = "/tmp/winerr-follow-" + std::to_string(::getpid()) + ".log";
  std::ofstream(file, std::ios::binary) << "IKE error 13801\nhalf a li";
  const char* bin = std::getenv("WINERR_LS");
  const std::string out = file + ".out";
  // Our own child, its output into a file.
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    ::execl(bin ? bin : "winerr-ls", "winerr-ls", "check", "--follow", file.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  auto read_out = [&] {
    std::ifstream in(out);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  auto wait_for_lines = [&](std::size_t n) {
    for (int i = 0; i < 50; ++i) {
      const std::string s = read_out();
      if (static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')) >= n) return s;
      ::usleep(100000);
    }
    return read_out();
  };
  CHECK(wait_for_lines(1) == file + ":1:11: error: 13801 IKE authentication credentials are unacceptable [ERROR_IPSEC_IKE_AUTH_FAIL]\n");
  std::ofstream(file, std::ios::binary | std::ios::app) << "ne, then error 13806\nstatus=0x35EE\n";
  const std::string all = wait_for_lines(3);
  ::kill(pid, SIGTERM);
  int status = -1;
  for (int i = 0; i < 30 && ::waitpid(pid, &status, WNOHANG) == 0; ++i) ::usleep(100000);
  if (status == -1) {  // still running: a failure, and no process left behind
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  // The whole file now, as plain check reads it: the same lines.
  CHECK(all == run("check " + file).out);
  CHECK(all.find(":2:25: error: 13806") != std::string::npos);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  std::remove(file.c_str());
  std::remove(out.c_str());
}
