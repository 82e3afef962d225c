// End-to-end over TCP: --listen (we connect to the server) and --socket/--port (the server
// connects to us, vscode-languageclient's convention). Loopback only.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdlib>

#include "../support/lsp_test_client.h"

using namespace lsp_test;

namespace {
std::string binary() {
  const char* p = std::getenv("WINERR_LS");
  return p ? p : "winerr-ls";
}

// The server as a child whose stderr we read (it announces the port there).
struct Child {
  pid_t pid = -1;
  int err = -1;
  std::string stderr_text;
  explicit Child(std::vector<std::string> argv) {
    int e[2];
    REQUIRE(::pipe(e) == 0);
    pid = ::fork();
    if (pid == 0) {
      ::dup2(e[1], 2);
      ::close(e[0]);
      int devnull = ::open("/dev/null", O_RDWR);
      ::dup2(devnull, 0);
      ::dup2(devnull, 1);
      std::vector<char*> args;
      for (auto& a : argv) args.push_back(a.data());
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      _exit(127);
    }
    ::close(e[1]);
    err = e[0];
  }
  ~Child() {
    if (pid > 0) { ::kill(pid, SIGKILL); ::waitpid(pid, nullptr, 0); }
    if (err >= 0) ::close(err);
  }
  // Reads stderr until it holds `needle` (or the deadline).
  bool wait_stderr(const std::string& needle, std::chrono::milliseconds timeout = 5000ms) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (stderr_text.find(needle) == std::string::npos) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{err, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char buf[4096];
      ssize_t n = ::read(err, buf, sizeof buf);
      if (n <= 0) return stderr_text.find(needle) != std::string::npos;
      stderr_text.append(buf, static_cast<std::size_t>(n));
    }
    return true;
  }
  std::optional<int> wait(std::chrono::milliseconds timeout = 5000ms) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(10ms);
    }
    return std::nullopt;
  }
};

int connect_to(int port) {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) { ::close(s); return -1; }
  return s;
}

// A whole session on a connected socket: diagnostics, hover, shutdown.
void session_over(int sock) {
  Client c(::dup(sock), sock);
  CHECK(c.response(c.request("initialize", initialize_params()))["result"]["serverInfo"]["name"] == "winerr-ls");
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", "file:///tcp.log"}, {"languageId", "log"}, {"version", 1}, {"text", "IKE failed, error 13801\r\n"}}}});
  auto d = c.diagnostics("file:///tcp.log")["diagnostics"];
  REQUIRE(d.size() == 1);
  CHECK(d[0]["range"] == json{{"start", {{"line", 0}, {"character", 18}}}, {"end", {{"line", 0}, {"character", 23}}}});
  auto h = c.response(c.request("textDocument/hover", {{"textDocument", {{"uri", "file:///tcp.log"}}}, {"position", {{"line", 0}, {"character", 20}}}}));
  CHECK(h["result"]["contents"]["value"].get<std::string>().find("ERROR_IPSEC_IKE_AUTH_FAIL") != std::string::npos);
  CHECK(c.response(c.request("shutdown", nullptr))["result"].is_null());
  c.notify("exit", nullptr);
}
}  // namespace

TEST_CASE("tcp: --listen 127.0.0.1:0 serves one client, refuses a second, exits with the session") {
  Child server({binary(), "--listen", "127.0.0.1:0"});
  REQUIRE(server.wait_stderr("\n"));
  const std::string prefix = "listening on 127.0.0.1:";
  auto at = server.stderr_text.find(prefix);
  REQUIRE(at != std::string::npos);
  const int port = std::stoi(server.stderr_text.substr(at + prefix.size()));
  CHECK(port > 0);
  int sock = connect_to(port);
  REQUIRE(sock >= 0);
  // The first client holds the session: a second connection is refused.
  std::this_thread::sleep_for(100ms);
  CHECK(connect_to(port) == -1);
  session_over(sock);
  CHECK(server.wait() == 0);
}

TEST_CASE("tcp: --socket=PORT and --port=PORT connect to a listening client") {
  for (const char* flag : {"--socket=", "--port="}) {
    INFO(flag);
    int l = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(l, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(::listen(l, 1) == 0);
    socklen_t len = sizeof a;
    ::getsockname(l, reinterpret_cast<sockaddr*>(&a), &len);
    Child server({binary(), std::string(flag) + std::to_string(ntohs(a.sin_port))});
    pollfd p{l, POLLIN, 0};
    REQUIRE(::poll(&p, 1, 5000) == 1);
    int sock = ::accept(l, nullptr, nullptr);
    ::close(l);
    REQUIRE(sock >= 0);
    session_over(sock);
    CHECK(server.wait() == 0);
  }
}

TEST_CASE("tcp: a non-loopback address needs --allow-remote") {
  {
    Child server({binary(), "--listen", "0.0.0.0:0"});
    CHECK(server.wait() == 2);
    server.wait_stderr("--allow-remote", 1000ms);
    CHECK(server.stderr_text.find("needs --allow-remote") != std::string::npos);
  }
  {
    // With it: a warning, then it listens (on all interfaces; we only look, never connect).
    Child server({binary(), "--listen", "0.0.0.0:0", "--allow-remote"});
    REQUIRE(server.wait_stderr("listening on 0.0.0.0:"));
    CHECK(server.stderr_text.find("warning: listening on a non-loopback address") != std::string::npos);
  }
  {
    Child server({binary(), "--listen", "nonsense"});
    CHECK(server.wait() == 2);
    server.wait_stderr("HOST:PORT", 1000ms);
    CHECK(server.stderr_text.find("--listen wants HOST:PORT") != std::string::npos);
  }
}
