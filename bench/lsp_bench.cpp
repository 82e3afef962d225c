// lsp_bench — times the real winerr-ls over stdio on a large log: didOpen -> first
// diagnostics, one-character edits in the middle and lines appended at the end -> updated
// diagnostics, hovers, and semantic tokens (a full
// result, a delta after each edit, a range of 100 lines). Prints figures only;
// it asserts nothing (the tests do that). Usage: lsp_bench WINERR_LS FILE [EDITS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "../tests/support/lsp_test_client.h"

using namespace lsp_test;
using clk = std::chrono::steady_clock;

static double ms(clk::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: lsp_bench WINERR_LS FILE [EDITS]\n";
    return 2;
  }
  const json init_params = {{"capabilities", {{"general", {{"positionEncodings", {"utf-8"}}}}}}};
  // Spawn -> initialize answered, 20 fresh servers, before this process holds the log: a
  // fork() of a client holding 600 MB copies its page tables, which is the client's cost.
  std::vector<double> spawn_ms;
  for (int k = 0; k < 20; ++k) {
    const auto t = clk::now();
    Process fresh({argv[1]});
    fresh.client->response(fresh.client->request("initialize", init_params));
    spawn_ms.push_back(ms(clk::now() - t));
  }
  std::sort(spawn_ms.begin(), spawn_ms.end());
  std::printf("spawn -> initialize response: median %.1f ms, min %.1f ms over %zu fresh servers\n", spawn_ms[spawn_ms.size() / 2],
              spawn_ms.front(), spawn_ms.size());

  Process p({argv[1]});
  Client& c = *p.client;
  c.response(c.request("initialize", init_params));
  std::ifstream in(argv[2], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  const int edits = argc > 3 ? std::atoi(argv[3]) : 20;
  std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  const std::string uri = "file:///bench.log";
  // The message is framed before the clock starts: serialising 200 MB is the editor's work
  // (nlohmann's dump here took longer than the server's whole answer), not the server's.
  const std::string open_body = json{{"jsonrpc", "2.0"},
                                     {"method", "textDocument/didOpen"},
                                     {"params", {{"textDocument", {{"uri", uri}, {"languageId", "log"}, {"version", 1}, {"text", text}}}}}}
                                    .dump();
  const std::string open_frame = "Content-Length: " + std::to_string(open_body.size()) + "\r\n\r\n" + open_body;
  auto t0 = clk::now();
  c.send_raw(open_frame);
  auto d = c.diagnostics(uri);
  auto open_ms = ms(clk::now() - t0);
  std::printf("file: %.1f MB, %zu lines\n", static_cast<double>(text.size()) / 1e6, lines);
  std::printf("didOpen -> diagnostics (%zu shown): %.1f ms\n", d["diagnostics"].size(), open_ms);

  auto tokens = [&](const std::string& method, json params) {
    params["textDocument"] = {{"uri", uri}};
    return c.response(c.request("textDocument/semanticTokens/" + method, std::move(params)))["result"];
  };
  t0 = clk::now();
  json full = tokens("full", json::object());
  std::printf("semantic tokens, full: %.1f ms (%zu tokens)\n", ms(clk::now() - t0), full["data"].size() / 5);
  std::string result_id = full["resultId"];

  std::vector<double> edit_ms, hover_ms, delta_ms, range_ms;
  for (int i = 0; i < edits; ++i) {
    int line = static_cast<int>(lines / 2) + i;
    auto t = clk::now();
    c.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", i + 2}}},
                                        {"contentChanges", {{{"range", {{"start", {{"line", line}, {"character", 0}}}, {"end", {{"line", line}, {"character", 0}}}}}, {"text", "x"}}}}});
    c.diagnostics(uri);
    edit_ms.push_back(ms(clk::now() - t));
    t = clk::now();
    c.response(c.request("textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", line}, {"character", 30}}}}));
    hover_ms.push_back(ms(clk::now() - t));
    t = clk::now();
    result_id = tokens("full/delta", {{"previousResultId", result_id}})["resultId"];
    delta_ms.push_back(ms(clk::now() - t));
    t = clk::now();
    tokens("range", {{"range", {{"start", {{"line", line}, {"character", 0}}}, {"end", {{"line", line + 100}, {"character", 0}}}}}});
    range_ms.push_back(ms(clk::now() - t));
  }
  // A growing log: a line appended at the end (a tail -f in the editor), then its diagnostics.
  std::vector<double> append_ms;
  std::size_t end_line = lines;  // the text ends with a line break: the empty last line
  for (int i = 0; i < edits; ++i, ++end_line) {
    const json at = {{"line", end_line}, {"character", 0}};
    auto t = clk::now();
    c.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", edits + i + 2}}},
                                        {"contentChanges", {{{"range", {{"start", at}, {"end", at}}}, {"text", "2026-12-07 10:00:00.000 IKEEXT: error 13801\n"}}}}});
    c.diagnostics(uri);
    append_ms.push_back(ms(clk::now() - t));
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
  };
  std::printf("a line appended at the end -> diagnostics: median %.1f ms over %d appends\n", median(append_ms), edits);
  std::printf("one-character edit -> diagnostics: median %.1f ms over %d edits\n", median(edit_ms), edits);
  std::printf("hover: median %.2f ms over %d hovers\n", median(hover_ms), edits);
  std::printf("semantic tokens after an edit, full/delta: median %.1f ms; range of 100 lines: median %.2f ms\n", median(delta_ms),
              median(range_ms));
  // The server's peak resident memory (Linux /proc VmHWM), with the document open.
  auto peak_rss = [](long pid) {
    std::ifstream st("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(st, line))
      if (line.rfind("VmHWM:", 0) == 0) return line.substr(line.find_first_not_of(" \t", 6));
    return std::string("?");
  };
  std::printf("server peak RSS: %s\n", peak_rss(p.pid()).c_str());
  // The same text opened again as a second document (after the figures above, so they do not
  // carry its load), and hovers on it one after the other until its first diagnostics come: how
  // the server answers while a document is scanned. The first waits for the didOpen message
  // itself to be read.
  c.notify("textDocument/didClose", {{"textDocument", {{"uri", uri}}}});
  const std::string uri2 = "file:///bench-again.log";
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri2}, {"languageId", "log"}, {"version", 1}, {"text", text}}}});
  std::vector<double> scan_hover_ms;
  // On the file's first 13801 (UTF-8 positions: its byte column), so each hover has an answer.
  const std::size_t code_at = text.find("13801");
  const std::size_t code_line_start = code_at == std::string::npos ? 0 : text.rfind('\n', code_at) + 1;
  const json code_pos = {{"line", std::count(text.begin(), text.begin() + static_cast<long>(code_line_start), '\n')},
                         {"character", code_at == std::string::npos ? 0 : code_at - code_line_start + 1}};
  bool answered = true;
  auto published = [&] {
    for (const json& m : c.seen)
      if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri2) return true;
    return false;
  };
  while (!published() && scan_hover_ms.size() < 100000) {
    auto t = clk::now();
    const json r = c.response(c.request("textDocument/hover", {{"textDocument", {{"uri", uri2}}}, {"position", code_pos}}));
    scan_hover_ms.push_back(ms(clk::now() - t));
    answered = answered && r["result"].is_object();
  }
  if (!scan_hover_ms.empty()) {
    std::vector<double> rest(scan_hover_ms.begin() + 1, scan_hover_ms.end());
    std::sort(rest.begin(), rest.end());
    auto at = [&](double q) { return rest.empty() ? 0.0 : rest[static_cast<std::size_t>(q * static_cast<double>(rest.size() - 1))]; };
    std::printf("hover while it is scanned: the first answered after %.1f ms (the didOpen is read first); then p50 %.2f ms, "
                "p99 %.2f ms over %zu hovers%s\n", scan_hover_ms.front(), at(0.5), at(0.99), rest.size(),
                answered ? ", each with its explanation" : ", NOT ALL ANSWERED");
  }
  c.response(c.request("shutdown", nullptr));
  c.notify("exit", nullptr);
  p.wait();
  // The same file read from disk by a fresh server (winerr.scanFile: a file the editor will
  // not send), never opened: time to the answer and that server's peak memory.
  {
    Process q({argv[1]});
    Client& k = *q.client;
    k.response(k.request("initialize", {{"capabilities", json::object()}}));
    const std::string file = std::filesystem::absolute(argv[2]).string();
    auto t = clk::now();
    const int id = k.request("workspace/executeCommand", {{"command", "winerr.scanFile"}, {"arguments", {"file://" + file}}});
    const json r = k.wait_for([&](const json& m) { return m.contains("id") && m["id"] == id && !m.contains("method"); }, 300000ms);
    const double took = ms(clk::now() - t);
    std::printf("winerr.scanFile of the file on disk: %.1f ms (%s), a fresh server's peak RSS: %s\n", took,
                r.contains("result") ? (std::to_string(r["result"].value("lines", 0)) + " lines").c_str() : r.dump().c_str(),
                peak_rss(q.pid()).c_str());
    k.response(k.request("shutdown", nullptr));
    k.notify("exit", nullptr);
    q.wait();
  }
  return 0;
}
