// main.cpp — flags -> choose a front door -> run -> exit code. Nothing else.
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "cli/common.h"
#include "cli/help.h"
#include "platform/platform.h"
#include "server.h"
#include "tcp.h"
#include "version.h"

namespace {

// `help [CMD]`, `CMD --help`: the usage texts live in cli/help.cpp (the man page is made from them).
int print_help(const std::string& command) {
  if (command.empty()) { std::cout << winerr::cli::main_help(); return 0; }
  auto text = winerr::cli::command_help(command);
  if (text.empty()) return winerr::cli::fail("no command '" + command + "' (commands: check, explain, catalog)");
  std::cout << text;
  return 0;
}

bool asks_help(const std::vector<std::string>& rest) {
  for (const std::string& a : rest) {
    if (a == "--") return false;  // after --, "--help" is a PATH or a CODE
    if (a == "--help" || a == "-h") return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  winerr::platform::prepare_process();
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty()) {
    const std::string cmd = args[0];
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (cmd == "--help" || cmd == "-h") return print_help("");
    if (cmd == "help") return rest.size() > 1 ? winerr::cli::fail("help takes one COMMAND") : print_help(rest.empty() ? "" : rest[0]);
    if (cmd == "--version") { std::cout << "winerr-ls " << winerr::kVersion << "\n"; return 0; }
    if (!winerr::cli::command_help(cmd).empty() && asks_help(rest)) return print_help(cmd);
    if (cmd == "check") return winerr::cli::check(rest);
    if (cmd == "explain") return winerr::cli::explain(rest);
    if (cmd == "catalog") return winerr::cli::catalog(rest);
  }
  winerr::ServerOptions opts;
  opts.own_process = true;  // this process is the server: it may end without a busy scan
  // Optional, not empty strings: `--listen ''` or `--port=` is a usage error, never a quiet
  // fall-back to stdio.
  std::optional<std::string> listen, connect_port;
  bool allow_remote = false;
  auto value_of = [](const std::string& a, const char* flag) -> std::optional<std::string> {
    const std::string f = std::string(flag) + "=";
    if (a.rfind(f, 0) == 0) return a.substr(f.size());
    return std::nullopt;
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--stdio") continue;  // vscode-languageclient appends it
    if (args[i] == "--catalog" && i + 1 < args.size()) { opts.settings.catalog_path = args[++i]; continue; }
    if (args[i] == "--listen" && i + 1 < args.size()) { listen = args[++i]; continue; }
    if (auto v = value_of(args[i], "--listen")) { listen = *v; continue; }
    if (auto v = value_of(args[i], "--socket")) { connect_port = *v; continue; }
    if (auto v = value_of(args[i], "--port")) { connect_port = *v; continue; }
    if (args[i] == "--allow-remote") { allow_remote = true; continue; }
    return winerr::cli::fail("unknown argument '" + args[i] + "' (see winerr-ls --help)");
  }
  if (listen && connect_port) return winerr::cli::fail("--listen and --socket/--port exclude each other");
  if (allow_remote && !listen) return winerr::cli::fail("--allow-remote only applies to --listen");
  if (listen && listen->empty()) return winerr::cli::fail("--listen needs an address: PORT or HOST:PORT");
  if (connect_port && connect_port->empty()) return winerr::cli::fail("--socket/--port needs a port number");
  if (listen || connect_port) {
    auto conn = listen ? winerr::tcp_listen_one(*listen, allow_remote) : winerr::tcp_connect_loopback(*connect_port);
    if (conn.fd < 0) return winerr::cli::fail(conn.error);
    opts.in_fd = opts.out_fd = conn.fd;
    opts.socket = true;
    return winerr::run_server(opts);
  }
  // Typed by hand in a terminal: say what this is (stderr; stdout stays LSP only), then serve.
  if (winerr::platform::stdin_is_terminal()) std::cerr << winerr::cli::terminal_notice() << std::flush;
  return winerr::run_server(opts);
}
