// main.cpp — flags -> choose a front door -> run -> exit code. Nothing else.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "cli/common.h"
#include "platform/platform.h"
#include "server.h"
#include "version.h"

namespace {

const char* kHelp = R"(winerr-ls — finds Win32 IPsec/IKE error codes in text and explains them.

Usage:
  winerr-ls [--stdio] [--catalog FILE]     run the language server on stdin/stdout
  winerr-ls check [--format text|json] [--fail-on error|warning|any] [--certain-only]
                  [--catalog FILE] PATH…|-
                                           list the codes found in files (directories are
                                           walked; - reads standard input)
  winerr-ls explain [--format text|json] [--catalog FILE] CODE…
                                           explain a code: ERROR_IPSEC_IKE_AUTH_FAIL, 13801,
                                           0x35E9, 0x800735E9, -2147011095, or words of its text
  winerr-ls catalog [--json] [--catalog FILE]
                                           print the whole catalog
  winerr-ls --version | --help

check prints path:line:column: severity: message [NAME] (1-based line, 1-based byte column),
or one JSON object per line with --format json. Exit status: 0 when it ran, 1 with --fail-on
and a finding at that level or above, 2 on a usage or I/O error.
Logs go to standard error; the server writes only LSP frames to standard output.
)";

}  // namespace

int main(int argc, char** argv) {
  winerr::platform::prepare_process();
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty()) {
    const std::string cmd = args[0];
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (cmd == "--help" || cmd == "-h" || cmd == "help") { std::cout << kHelp; return 0; }
    if (cmd == "--version") { std::cout << "winerr-ls " << winerr::kVersion << "\n"; return 0; }
    if (cmd == "check") return winerr::cli::check(rest);
    if (cmd == "explain") return winerr::cli::explain(rest);
    if (cmd == "catalog") return winerr::cli::catalog(rest);
  }
  winerr::ServerOptions opts;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--stdio") continue;  // vscode-languageclient appends it
    if (args[i] == "--catalog" && i + 1 < args.size()) { opts.settings.catalog_path = args[++i]; continue; }
    return winerr::cli::fail("unknown argument '" + args[i] + "' (see winerr-ls --help)");
  }
  return winerr::run_server(opts);
}
