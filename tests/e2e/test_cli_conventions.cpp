// The command line behaves like grep, rg and clang-tidy: `--`, per-command help, colour only on
// a terminal (NO_COLOR), binary files, Windows encodings, every pasted spelling of a code, the
// bare server explaining itself in a terminal, and the sources behind the [TAGS] of explain.
// Each case runs the real binary (stdout and stderr apart; a pseudo-terminal where it matters).
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Result {
  std::string out, err;
  int code = -1;
};

struct Spawn {
  using Env = std::vector<std::pair<std::string, std::string>>;
  Spawn(std::vector<std::string> a = {}, Env e = {}) : args(std::move(a)), env(std::move(e)) {}
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;  // set ("" value = unset)
  std::string input;                                      // written to stdin, then closed
  bool tty_in = false, tty_out = false;                   // stdin / stdout a pseudo-terminal
  std::string cwd;
};

std::string binary() {
  const char* b = std::getenv("WINERR_LS");
  return b ? b : "winerr-ls";
}

// Runs winerr-ls with the given arguments; a hard 20 s deadline (then SIGKILL, code -1).
Result run(const Spawn& s) {
  int out[2], err[2], in[2] = {-1, -1};
  REQUIRE(::pipe(out) == 0);
  REQUIRE(::pipe(err) == 0);
  int master = -1, slave = -1;
  if (s.tty_in || s.tty_out) {
    REQUIRE(::openpty(&master, &slave, nullptr, nullptr, nullptr) == 0);
    termios t{};
    ::tcgetattr(slave, &t);
    ::cfmakeraw(&t);  // bytes pass as they are (no echo, no CR/LF games)
    ::tcsetattr(slave, TCSANOW, &t);
  }
  if (!s.tty_in) REQUIRE(::pipe(in) == 0);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::setsid();
    ::dup2(s.tty_in ? slave : in[0], 0);
    ::dup2(s.tty_out ? slave : out[1], 1);
    ::dup2(err[1], 2);
    for (int fd = 3; fd < 256; ++fd) ::close(fd);
    for (auto& [k, v] : s.env) v.empty() ? ::unsetenv(k.c_str()) : ::setenv(k.c_str(), v.c_str(), 1);
    if (!s.cwd.empty() && ::chdir(s.cwd.c_str()) != 0) ::_exit(126);
    std::vector<std::string> argv{binary()};
    argv.insert(argv.end(), s.args.begin(), s.args.end());
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    ::execv(cargv[0], cargv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  ::close(err[1]);
  if (slave >= 0) ::close(slave);
  int out_fd = s.tty_out ? master : out[0];
  if (s.tty_out) ::close(out[0]);
  if (s.tty_in) {
    (void)!::write(master, s.input.data(), s.input.size());
  } else {
    ::close(in[0]);
    (void)!::write(in[1], s.input.data(), s.input.size());
    ::close(in[1]);
  }
  Result r;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  bool out_open = true, err_open = true;
  int status = 0;
  bool exited = false;
  while ((out_open || err_open) && std::chrono::steady_clock::now() < deadline) {
    if (!exited && ::waitpid(pid, &status, WNOHANG) == pid) exited = true;
    pollfd fds[2] = {{out_open ? out_fd : -1, POLLIN, 0}, {err_open ? err[0] : -1, POLLIN, 0}};
    if (::poll(fds, 2, 100) <= 0) {
      // A pty master never reports EOF while the session lives: stop reading once the child is gone.
      if (exited && s.tty_out) out_open = false;
      continue;
    }
    char buf[4096];
    for (int k = 0; k < 2; ++k) {
      if (!fds[k].revents) continue;
      ssize_t n = ::read(fds[k].fd, buf, sizeof buf);
      if (n <= 0) (k == 0 ? out_open : err_open) = false;  // EOF, or EIO on a pty whose slave closed
      else (k == 0 ? r.out : r.err).append(buf, static_cast<std::size_t>(n));
    }
  }
  // the pipes are closed: the child is exiting; give it until the deadline
  while (!exited && std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid, &status, WNOHANG) == pid) exited = true;
    else ::usleep(2000);
  }
  if (!exited) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    status = -1;
  }
  ::close(out_fd);
  ::close(err[0]);
  if (s.tty_in && master >= 0 && out_fd != master) ::close(master);
  r.code = status == -1 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

Result run(std::vector<std::string> args) { return run(Spawn{std::move(args)}); }

// A scratch folder per test run.
fs::path scratch() {
  static fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("winerr-cli-conv-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}
std::string write_file(const std::string& name, const std::string& bytes) {
  fs::path p = scratch() / name;
  std::ofstream(p, std::ios::binary) << bytes;
  return p.string();
}

// UTF-8 (BMP only, as the tests need) to UTF-16 with a BOM.
std::string utf16(const std::string& utf8, bool le) {
  std::string out = le ? "\xFF\xFE" : "\xFE\xFF";
  for (std::size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    unsigned cp;
    if (c < 0x80) { cp = c; i += 1; }
    else if (c < 0xE0) { cp = (c & 0x1Fu) << 6 | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu); i += 2; }
    else { cp = (c & 0x0Fu) << 12 | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu) << 6 | (static_cast<unsigned char>(utf8[i + 2]) & 0x3Fu); i += 3; }
    char hi = static_cast<char>(cp >> 8), lo = static_cast<char>(cp & 0xFF);
    out += le ? std::string{lo, hi} : std::string{hi, lo};
  }
  return out;
}

const std::string kAuthFail = "error: 13801 IKE authentication credentials are unacceptable [ERROR_IPSEC_IKE_AUTH_FAIL]\n";

}  // namespace

TEST_CASE("cli conventions: -- ends the options") {
  auto with = run({"explain", "--", "-2147011095"});
  CHECK(with.code == 0);
  CHECK(with.err.empty());
  CHECK(with.out.rfind("ERROR_IPSEC_IKE_AUTH_FAIL (13801, 0x35E9)\n", 0) == 0);
  CHECK(with.out == run({"explain", "-2147011095"}).out);
  // after --, an option-looking word is a code, not an option
  auto after = run({"explain", "--", "--format"});
  CHECK(after.code == 1);
  CHECK(after.out.empty());
  CHECK(after.err.rfind("winerr-ls: unknown code '--format'", 0) == 0);
  // check: a file whose name starts with '-'
  write_file("-dash.log", "IKE failed with error 13801\n");
  Spawn s{{"check", "--", "-dash.log"}};
  s.cwd = scratch().string();
  auto dash = run(s);
  CHECK(dash.code == 0);
  CHECK(dash.out == "-dash.log:1:23: " + kAuthFail);
  Spawn no_dd{{"check", "-dash.log"}};
  no_dd.cwd = scratch().string();
  auto refused = run(no_dd);
  CHECK(refused.code == 2);
  CHECK(refused.err == "winerr-ls: unknown option '-dash.log' (see winerr-ls check --help)\n");
}

TEST_CASE("cli conventions: CMD --help and help CMD print that command's usage, exit 0") {
  for (std::string cmd : {"check", "explain", "catalog"}) {
    INFO(cmd);
    auto a = run({cmd, "--help"}), b = run({"help", cmd}), c = run({cmd, "-h"});
    CHECK(a.code == 0);
    CHECK(b.code == 0);
    CHECK(a.err.empty());
    CHECK(a.out == b.out);
    CHECK(a.out == c.out);
    CHECK(a.out.rfind("winerr-ls " + cmd + " — ", 0) == 0);
    CHECK(a.out.find("\nUsage:\n  winerr-ls " + cmd + " [") != std::string::npos);
    CHECK(a.out.find("\nExit status:\n") != std::string::npos);
  }
  CHECK(run({"check", "--help"}).out.find("  --color=auto|always|never\n") != std::string::npos);
  auto top = run({"help"});
  CHECK(top.code == 0);
  CHECK(top.out == run({"--help"}).out);
  CHECK(top.out.find("  winerr-ls help [COMMAND]") != std::string::npos);
  auto bad = run({"help", "nope"});
  CHECK(bad.code == 2);
  CHECK(bad.err == "winerr-ls: no command 'nope' (commands: check, explain, catalog)\n");
}

TEST_CASE("cli conventions: colour on a terminal, --color, NO_COLOR, plain when piped") {
  const std::string log = write_file("colour.log", "IKE failed with error 13801\n");
  const std::string plain = log + ":1:23: " + kAuthFail;
  const std::string coloured = "\x1b[1m" + log + ":1:23:\x1b[0m \x1b[1;31merror:\x1b[0m 13801 "
                               "IKE authentication credentials are unacceptable [\x1b[1;31mERROR_IPSEC_IKE_AUTH_FAIL\x1b[0m]\n";
  auto env = [](std::string no_color) {
    return std::vector<std::pair<std::string, std::string>>{{"NO_COLOR", no_color}, {"TERM", "xterm"}};
  };
  SECTION("piped: plain, unless --color=always") {
    CHECK(run(Spawn{{"check", log}, env("")}).out == plain);
    CHECK(run(Spawn{{"check", "--color=auto", log}, env("")}).out == plain);
    CHECK(run(Spawn{{"check", "--color=always", log}, env("")}).out == coloured);
    CHECK(run(Spawn{{"check", "--color", "always", log}, env("")}).out == coloured);
  }
  SECTION("a terminal: coloured by default, not with NO_COLOR or --color=never") {
    Spawn tty{{"check", log}, env("")};
    tty.tty_out = true;
    CHECK(run(tty).out == coloured);
    tty.env = env("1");
    CHECK(run(tty).out == plain);
    tty.args = {"check", "--color=always", log};
    CHECK(run(tty).out == coloured);  // an explicit flag beats NO_COLOR
    tty.env = env("");
    tty.args = {"check", "--color=never", log};
    CHECK(run(tty).out == plain);
    tty.env = {{"NO_COLOR", ""}, {"TERM", "dumb"}};
    tty.args = {"check", log};
    CHECK(run(tty).out == plain);
  }
  SECTION("a bad value is a usage error") {
    auto bad = run({"check", "--color=sometimes", log});
    CHECK(bad.code == 2);
    CHECK(bad.err == "winerr-ls: --color must be auto, always or never, not 'sometimes'\n");
  }
}

TEST_CASE("cli conventions: binary files are skipped with one note unless --binary") {
  using namespace std::string_literals;
  // a NUL makes a binary file (as for grep); line 1: 6 bytes + " IKE failed with error " -> column 30
  const std::string bin = write_file("dump.bin", "PK\x03\x04\0\0"s + " IKE failed with error 13801\n" + "\0\xff"s + " status 0x35E9 failed\n");
  const std::string quiet = write_file("quiet.bin", "\0\0\x01"s + " no codes here\n");
  auto r = run({"check", bin, quiet});
  CHECK(r.code == 0);
  CHECK(r.out.empty());
  CHECK(r.err == "winerr-ls: " + bin + ": binary file matches (2 codes; --binary lists them)\n");
  auto all = run({"check", "--binary", bin});
  CHECK(all.code == 0);
  CHECK(all.err.empty());
  CHECK(all.out.rfind(bin + ":1:30: " + kAuthFail, 0) == 0);
  CHECK(all.out.find(bin + ":2:11: error: 13801 IKE authentication credentials are unacceptable [ERROR_IPSEC_IKE_AUTH_FAIL]") != std::string::npos);
  // --fail-on does not trip on a skipped file
  CHECK(run({"check", "--fail-on", "error", bin}).code == 0);
}

TEST_CASE("cli conventions: UTF-16 with a BOM is decoded, a UTF-8 BOM skipped, invalid UTF-8 kept") {
  // In UTF-8 "VPN user Jörg: error " is 22 bytes (ö is two), so 13801 is at column 23 (in UTF-16
  // it would be unit 22: columns are those of the decoded UTF-8 text, as documented).
  const std::string text = "VPN user J\xc3\xb6rg: error 13801\r\nstatus 0x35E9 failed\r\n";
  const std::string le = write_file("ps51.log", utf16(text, true)), be = write_file("be.log", utf16(text, false));
  for (const std::string& p : {le, be}) {
    INFO(p);
    auto r = run({"check", p});
    CHECK(r.code == 0);
    CHECK(r.out == p + ":1:23: " + kAuthFail + p + ":2:8: " + kAuthFail);
  }
  const std::string bom = write_file("bom.log", "\xEF\xBB\xBF" "IKE error 13801\n");
  CHECK(run({"check", bom}).out == bom + ":1:11: " + kAuthFail);
  const std::string cp1252 = write_file("cp1252.log", "IKE user J\xf6rg: error 13801\n");  // ö as one byte
  CHECK(run({"check", cp1252}).out == cp1252 + ":1:22: " + kAuthFail);
  // stdin goes through the same decoding
  Spawn in{{"check", "-"}};
  in.input = utf16("IKE error 13801\n", true);
  CHECK(run(in).out == "<stdin>:1:11: " + kAuthFail);
  CHECK(run({"check", "--help"}).out.find("its columns are then byte columns of that UTF-8 text") != std::string::npos);
}

TEST_CASE("cli conventions: explain takes every pasted spelling, and an unknown one exits 1 with the closest names") {
  const std::pair<const char*, const char*> cases[] = {
      {"80073655", "ERROR_IPSEC_IKE_NEG_STATUS_EXTENDED_END (13909, 0x3655)\n"},
      {"hr=0x80073655", "ERROR_IPSEC_IKE_NEG_STATUS_EXTENDED_END (13909, 0x3655)\n"},
      {"0X35e9", "ERROR_IPSEC_IKE_AUTH_FAIL (13801, 0x35E9)\n"},
      {"IKE_AUTH_FAIL", "ERROR_IPSEC_IKE_AUTH_FAIL (13801, 0x35E9)\n"},
      {"ipsec_ike_auth_fail", "ERROR_IPSEC_IKE_AUTH_FAIL (13801, 0x35E9)\n"},
      {"800735E9", "ERROR_IPSEC_IKE_AUTH_FAIL (13801, 0x35E9)\n"},
      {"error: 13801", "ERROR_IPSEC_IKE_AUTH_FAIL (13801, 0x35E9)\n"},
  };
  for (auto [in, title] : cases) {
    INFO(in);
    auto r = run({"explain", in});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.rfind(title, 0) == 0);
  }
  auto typo = run({"explain", "IKE_AUTH_FAL"});
  CHECK(typo.code == 1);
  CHECK(typo.out.empty());
  CHECK(typo.err == "winerr-ls: unknown code 'IKE_AUTH_FAL': not in the catalog (Win32 13000-13932, STATUS_IPSEC_*, FWP_E_*), "
                    "and no text matches it; did you mean ERROR_IPSEC_IKE_AUTH_FAIL (13801, 0x35E9)?\n");
  auto gap = run({"explain", "13027"});  // unassigned, next to 13025/13024
  CHECK(gap.code == 1);
  CHECK(gap.err.find("did you mean WARNING_IPSEC_QM_POLICY_PRUNED (13025, 0x32E1)") != std::string::npos);
  auto far = run({"explain", "12345"});
  CHECK(far.code == 1);
  CHECK(far.err == "winerr-ls: unknown code '12345': not in the catalog (Win32 13000-13932, STATUS_IPSEC_*, FWP_E_*), and no text matches it\n");
  auto mixed = run({"explain", "13801", "12345"});  // the known one is still explained
  CHECK(mixed.code == 1);
  CHECK(mixed.out.rfind("ERROR_IPSEC_IKE_AUTH_FAIL (13801, 0x35E9)\n", 0) == 0);
  CHECK(run({"explain", "--bogus", "13801"}).code == 2);
  CHECK(run({"explain"}).code == 2);
  CHECK(run({"explain", "--format"}).code == 2);
  auto help = run({"help", "explain"}).out;
  CHECK(help.find("0 when every CODE was found, 1 when one was not") != std::string::npos);
  CHECK(help.find("hr=0x80073655") != std::string::npos);
  CHECK(help.find("did you mean") != std::string::npos);
}

TEST_CASE("cli conventions: bare winerr-ls in a terminal says what it is on stderr, and still serves") {
  const std::string init = R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}})";
  const std::string shutdown = R"({"jsonrpc":"2.0","id":2,"method":"shutdown","params":null})";
  const std::string exit_ = R"({"jsonrpc":"2.0","method":"exit","params":null})";
  std::string frames;
  for (const std::string& b : {init, shutdown, exit_}) frames += "Content-Length: " + std::to_string(b.size()) + "\r\n\r\n" + b;
  Spawn tty{{}};
  tty.tty_in = true;
  tty.input = frames;
  auto r = run(tty);
  CHECK(r.code == 0);
  CHECK(r.err.rfind("winerr-ls: this is a language server: it is waiting for LSP messages (JSON-RPC with\n"
                    "Content-Length headers) on standard input. Editors start it for you.\n"
                    "To use it by hand instead:\n"
                    "  winerr-ls check PATH…       list the error codes found in files (- for stdin)\n"
                    "  winerr-ls explain CODE…     explain a code: 13801, 0x35E9, ERROR_IPSEC_IKE_AUTH_FAIL\n"
                    "  winerr-ls --help            everything else\n",
                    0) == 0);
  CHECK(r.out.rfind("Content-Length: ", 0) == 0);
  CHECK(r.out.find(R"("id":1)") != std::string::npos);
  CHECK(r.out.find(R"("capabilities")") != std::string::npos);
  CHECK(r.out.find(R"("id":2)") != std::string::npos);
  // from a pipe (an editor) it says nothing of the kind
  Spawn piped{{"--stdio"}};
  piped.input = frames;
  auto p = run(piped);
  CHECK(p.code == 0);
  CHECK(p.err.find("this is a language server") == std::string::npos);
  CHECK(p.out.find(R"("capabilities")") != std::string::npos);
}

TEST_CASE("cli conventions: explain ends with the sources that its source tags cite, with titles and URLs") {
  auto r = run({"explain", "13801"});
  REQUIRE(r.code == 0);
  const auto at = r.out.find("\nSources:\n");
  REQUIRE(at != std::string::npos);
  const std::string body = r.out.substr(0, at), sources = r.out.substr(at);
  CHECK(body.find("[MS-AOVPN-TS]") != std::string::npos);
  CHECK(sources.find("\n  [MS-AOVPN-TS] Troubleshoot Always On VPN\n"
                     "      https://learn.microsoft.com/en-us/troubleshoot/windows-server/networking/troubleshoot-always-on-vpn\n") !=
        std::string::npos);
  // every tag used in the body is listed once, with a title
  std::set<std::string> used;
  std::regex tag(R"(\[([A-Z0-9][A-Z0-9.,-]*)\])");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), tag); it != std::sregex_iterator(); ++it) {
    std::string ids = (*it)[1];
    for (std::size_t b = 0; b <= ids.size();) {
      auto e = ids.find(',', b);
      used.insert(ids.substr(b, e == std::string::npos ? std::string::npos : e - b));
      if (e == std::string::npos) break;
      b = e + 1;
    }
  }
  CHECK(used.size() >= 5);
  for (const std::string& id : used) {
    INFO(id);
    auto line = sources.find("\n  [" + id + "] ");
    REQUIRE(line != std::string::npos);
    CHECK(sources.find("\n  [" + id + "] ", line + 1) == std::string::npos);
    CHECK(sources[line + 5 + id.size()] != '\n');  // a title follows the tag
  }
  // JSON output stays one JSON document (no trailing list)
  auto j = run({"explain", "--format", "json", "13801"});
  CHECK(j.out.find("Sources:") == std::string::npos);
}
