// soak.cpp — one long session against the real binary: N mixed requests (hover, inlay hints,
// code actions, incremental edits, open/close of a second document), answered as they go;
// the server's RSS is sampled after 10% of the requests (warm) and at the end. Fails (exit 1)
// when RSS grew by 5% or more, or a request went unanswered.
//   soak WINERR_LS [REQUESTS]   (default 1,000,000)
#include <chrono>
#include <fstream>
#include <iostream>

#include "../tests/support/lsp_test_client.h"

using namespace lsp_test;

namespace {
json pos(int l, int c) { return {{"line", l}, {"character", c}}; }
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) { std::cerr << "usage: soak WINERR_LS [REQUESTS]\n"; return 2; }
  const long total = argc > 2 ? std::stol(argv[2]) : 1000000;
  Process p({argv[1]});
  Client& c = *p.client;
  c.response(c.request("initialize", initialize_params()));
  const std::string uri = "file:///soak.log";
  std::string text;
  for (int i = 0; i < 200; ++i)
    text += i % 20 == 0 ? "2026-12-03 10:00:00 IKE failed, error 13801 (0x35E9)\n" : "2026-12-03 10:00:00 IKE keying module state changed for SA 42 ok\n";
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", "log"}, {"version", 1}, {"text", text}}}});
  c.diagnostics(uri);
  int version = 1;
  long warm = 0, sent = 0;
  const long window = 64;  // requests in flight
  long answered = 0;
  auto t0 = std::chrono::steady_clock::now();
  auto drain = [&](long upto) {
    while (answered < upto) {
      auto m = c.read(std::chrono::milliseconds(10000));
      if (!m) { std::cerr << "soak: no answer after " << answered << " of " << sent << " requests\n"; std::exit(1); }
      if (m->contains("id") && !m->contains("method")) ++answered;
    }
  };
  for (long i = 0; i < total; ++i) {
    const int line = static_cast<int>(i % 200);
    switch (i % 8) {
      case 0: case 1: case 2:
        c.request("textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", pos(line, 26)}});
        break;
      case 3:
        c.request("textDocument/inlayHint", {{"textDocument", {{"uri", uri}}}, {"range", {{"start", pos(line, 0)}, {"end", pos(line + 5, 0)}}}});
        break;
      case 4:
        c.request("textDocument/codeAction", {{"textDocument", {{"uri", uri}}}, {"range", {{"start", pos(line, 26)}, {"end", pos(line, 31)}}},
                                              {"context", {{"diagnostics", json::array()}}}});
        break;
      case 5: {
        // Replace a digit of the timestamp and put it back in the next round: the text stays the same size.
        c.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", ++version}}},
                                            {"contentChanges", {{{"range", {{"start", pos(line, 0)}, {"end", pos(line, 1)}}}, {"text", "2"}}}}});
        c.request("textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", pos(line, 27)}});
        break;
      }
      case 6:
        c.notify("textDocument/didOpen", {{"textDocument", {{"uri", "file:///other.log"}, {"languageId", "log"}, {"version", 1}, {"text", "status 0x3655\n"}}}});
        c.request("textDocument/hover", {{"textDocument", {{"uri", "file:///other.log"}}}, {"position", pos(0, 9)}});
        break;
      case 7:
        c.notify("textDocument/didClose", {{"textDocument", {{"uri", "file:///other.log"}}}});
        c.request("textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", pos(line, 8)}});
        break;
    }
    ++sent;
    if (sent - answered >= window) drain(sent - window / 2);
    // Diagnostics pile up in `seen` only if we keep them: drop them.
    c.seen.clear();
    if (sent == total / 10) { drain(sent); warm = rss_kib(p.pid()); }
    if (sent % (total / 10) == 0) { drain(sent); std::cerr << "soak: " << sent << " requests, RSS " << rss_kib(p.pid()) << " KiB\n"; }
  }
  drain(sent);
  const long end = rss_kib(p.pid());
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  c.response(c.request("shutdown", nullptr));
  c.notify("exit", nullptr);
  auto code = p.wait();
  const double growth = warm > 0 ? 100.0 * static_cast<double>(end - warm) / static_cast<double>(warm) : 0;
  std::cout << "soak: " << sent << " requests answered in " << secs << " s (" << static_cast<long>(static_cast<double>(sent) / secs)
            << "/s); RSS after 10%: " << warm << " KiB, at the end: " << end << " KiB (" << growth << "%); exit " << (code ? *code : -1)
            << "\n";
  return (growth < 5.0 && code == 0) ? 0 : 1;
}
