// lsp_test_client.h — a minimal LSP client for tests: writes frames to one fd, reads frames
// from another with a deadline, and can spawn the real winerr-ls binary. Header-only so both
// the in-process server tests and the end-to-end tests use the very same client.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <memory>
#include <stdexcept>
#include <thread>
#include <string>
#include <filesystem>
#include <vector>

namespace lsp_test {

// Built with AddressSanitizer (the `asan` preset: GCC defines __SANITIZE_ADDRESS__)? Then the
// server under test is several times slower and its heap carries shadow memory, redzones and a
// quarantine of freed blocks, so the few tests that bound time or memory use the wider bounds
// below. The release run keeps the product's bounds; the asan run checks the same behaviour.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif

using json = nlohmann::json;
using namespace std::chrono_literals;

class Client {
 public:
  Client(int to_server, int from_server) : out_(to_server), in_(from_server) {}
  ~Client() { close_fds(); }

  void send_raw(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::write(out_, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw std::runtime_error("write to server failed");
      done += static_cast<std::size_t>(n);
    }
  }
  void send(const json& j) {
    std::string body = j.dump();
    send_raw("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  }
  int request(const std::string& method, json params) {
    int id = next_id_++;
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
    return id;
  }
  void notify(const std::string& method, json params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }

  // Next message, or nullopt at the deadline / end of stream.
  std::optional<json> read(std::chrono::milliseconds timeout = 5000ms) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      if (auto m = take_frame()) return m;
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd p{in_, POLLIN, 0};
      int r = ::poll(&p, 1, static_cast<int>(left.count()));
      if (r <= 0) continue;
      char buf[65536];
      ssize_t n = ::read(in_, buf, sizeof buf);
      if (n <= 0) { eof_ = true; return take_frame(); }
      buf_.append(buf, static_cast<std::size_t>(n));
    }
  }
  // Reads until a message satisfies pred; other messages are kept in `seen`.
  json wait_for(const std::function<bool(const json&)>& pred, std::chrono::milliseconds timeout = 10000ms) {
    // A message may already have arrived while we waited for another one.
    for (auto it = seen.begin(); it != seen.end(); ++it)
      if (pred(*it)) {
        json m = *it;
        seen.erase(it);
        return m;
      }
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      auto m = read(left.count() > 0 ? left : 1ms);
      if (!m) throw std::runtime_error("timed out waiting for a message" + std::string(eof_ ? " (server closed its output)" : ""));
      if (pred(*m)) return *m;
      seen.push_back(*m);
    }
  }
  json response(int id) {
    return wait_for([&](const json& m) { return m.contains("id") && m["id"] == id && !m.contains("method"); });
  }
  json diagnostics(const std::string& uri) {
    return wait_for([&](const json& m) {
      return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri;
    })["params"];
  }
  bool eof() const { return eof_; }
  void close_output() {
    if (out_ >= 0) { ::close(out_); out_ = -1; }
  }
  // Stop reading the server's output (the server then sees EPIPE when it writes).
  void close_input() {
    if (in_ >= 0) { ::close(in_); in_ = -1; }
  }
  void close_fds() {
    close_output();
    if (in_ >= 0) { ::close(in_); in_ = -1; }
  }

  std::vector<json> seen;

 private:
  std::optional<json> take_frame() {
    auto h = buf_.find("\r\n\r\n");
    if (h == std::string::npos) return std::nullopt;
    auto cl = buf_.find("Content-Length: ");
    if (cl == std::string::npos || cl > h) throw std::runtime_error("server sent a frame without Content-Length");
    std::size_t len = std::stoul(buf_.substr(cl + 16, h - cl - 16));
    if (buf_.size() < h + 4 + len) return std::nullopt;
    json j = json::parse(buf_.substr(h + 4, len));
    buf_.erase(0, h + 4 + len);
    return j;
  }

  int out_, in_;
  std::string buf_;
  bool eof_ = false;
  int next_id_ = 1;
};

// The real binary as a child process, its stdin/stdout as pipes; stderr kept in a file.
class Process {
 public:
  // `env`: variables set in the child. XDG_CONFIG_HOME points nowhere unless a test sets it,
  // so a developer's own ~/.config/winerr-ls/config.json never changes a test's outcome.
  explicit Process(const std::vector<std::string>& argv, const std::vector<std::pair<std::string, std::string>>& env = {}) {
    int to_child[2], from_child[2];
    if (::pipe(to_child) || ::pipe(from_child)) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(to_child[0], 0);
      ::dup2(from_child[1], 1);
      ::close(to_child[1]);
      ::close(from_child[0]);
      ::setenv("XDG_CONFIG_HOME", "/nonexistent/winerr-ls-tests", 1);
      for (auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
      std::vector<char*> args;
      for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      _exit(127);
    }
    ::close(to_child[0]);
    ::close(from_child[1]);
    client = std::make_unique<Client>(to_child[1], from_child[0]);
  }
  ~Process() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  // Exit code, or nullopt if it did not exit within the timeout.
  std::optional<int> wait(std::chrono::milliseconds timeout = 5000ms) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      pid_t r = ::waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(10ms);
    }
    return std::nullopt;
  }
  std::unique_ptr<Client> client;
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  bool exited_ = false;
};

// Resident memory of a process in KiB (Linux /proc), or -1 when it cannot be read.
inline long rss_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

// The server under test: $WINERR_LS (set by ctest), else winerr-ls on PATH.
inline std::string server_binary() {
  const char* p = std::getenv("WINERR_LS");
  return p ? p : "winerr-ls";
}
// A shell line run to its end: what it printed on stdout, and its exit code (-1: killed).
struct ShellRun {
  std::string out;
  int code;
};
inline ShellRun run_shell(const std::string& command) {
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) throw std::runtime_error("popen failed: " + command);
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  const int status = ::pclose(p);
  return {out, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

// An LSP Range.
inline json lsp_range(int l1, int c1, int l2, int c2) {
  return {{"start", {{"line", l1}, {"character", c1}}}, {"end", {{"line", l2}, {"character", c2}}}};
}

inline json initialize_params(bool utf8 = false) {
  json caps = json::object();
  if (utf8) caps["general"] = {{"positionEncodings", {"utf-8", "utf-16"}}};
  return {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", caps}};
}

// The server as an editor starts it: initialize (capabilities, initializationOptions, workspace
// folders: local directories), then initialized. Test files add their own requests to it.
struct Editor {
  Process p{{server_binary()}};
  Client& c = *p.client;
  explicit Editor(json capabilities = json::object(), json init_options = nullptr, std::vector<std::filesystem::path> folders = {}) {
    json params = {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", std::move(capabilities)}};
    if (!init_options.is_null()) params["initializationOptions"] = std::move(init_options);
    if (!folders.empty()) {
      params["workspaceFolders"] = json::array();
      for (const auto& f : folders) params["workspaceFolders"].push_back({{"uri", "file://" + f.string()}, {"name", f.filename().string()}});
    }
    c.response(c.request("initialize", params));
    c.notify("initialized", json::object());
  }
  // Opens the document and waits for its diagnostics: its findings are ready then.
  json open(const std::string& uri, const std::string& language, const std::string& text) {
    c.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", language}, {"version", 1}, {"text", text}}}});
    return c.diagnostics(uri);
  }
  json ask(const std::string& method, json params) { return c.response(c.request(method, std::move(params)))["result"]; }
};

}  // namespace lsp_test
