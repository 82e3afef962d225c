// End-to-end: spawn the built winerr-ls and run whole sessions over real stdio framing.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "../support/lsp_test_client.h"

using namespace lsp_test;

namespace {
std::string binary() {
  const char* p = std::getenv("WINERR_LS");
  return p ? p : "winerr-ls";
}
std::string example() {
  std::ifstream in(WINERR_SOURCE_DIR "/examples/vpn-client.log");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
// Line and column (in bytes) of the n-th occurrence of needle; the example is ASCII so
// bytes = UTF-16 units.
std::pair<int, int> where(const std::string& text, const std::string& needle, int nth = 1) {
  std::size_t pos = std::string::npos;
  for (int k = 0; k < nth; ++k) pos = text.find(needle, pos == std::string::npos ? 0 : pos + 1);
  REQUIRE(pos != std::string::npos);
  int line = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < pos; ++i)
    if (text[i] == '\n') { ++line; start = i + 1; }
  return {line, static_cast<int>(pos - start)};
}
json find_diag(const json& diags, int line, int col) {
  for (auto& d : diags)
    if (d["range"]["start"]["line"] == line && d["range"]["start"]["character"] == col) return d;
  FAIL("no diagnostic at " << line << ":" << col << " in " << diags.dump());
  return {};
}
const std::string kUri = "file:///work/examples/vpn-client.log";
}  // namespace

TEST_CASE("e2e: a whole session over stdio (utf-16)") {
  Process p({binary(), "--stdio"});
  Client& c = *p.client;
  auto init = c.response(c.request("initialize", initialize_params()));
  CHECK(init["result"]["capabilities"]["positionEncoding"] == "utf-16");
  CHECK(init["result"]["capabilities"]["textDocumentSync"]["change"] == 2);
  c.notify("initialized", json::object());
  const std::string text = example();
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", kUri}, {"languageId", "log"}, {"version", 1}, {"text", text}}}});
  auto diags = c.diagnostics(kUri)["diagnostics"];

  auto [l13801, c13801] = where(text, "failure is 13801");
  auto d = find_diag(diags, l13801, c13801 + 11);
  CHECK(d["severity"] == 1);
  CHECK(d["code"] == "ERROR_IPSEC_IKE_AUTH_FAIL");
  CHECK(d["source"] == "winerr");
  CHECK(d["range"]["end"]["character"] == c13801 + 16);
  CHECK(d["data"] == json{{"value", 13801}, {"family", "win32"}, {"form", "decimal"}, {"confidence", "certain"},
                          {"why", "found as a decimal: the word `failure` before it in its sentence"}});
  CHECK(d["codeDescription"]["href"].get<std::string>().find("system-error-codes--12000-15999-") != std::string::npos);
  CHECK(d["message"] == "13801 IKE authentication credentials are unacceptable");

  auto [l3655, c3655] = where(text, "0x3655");
  auto m = find_diag(diags, l3655, c3655);
  CHECK(m["severity"] == 3);  // range marker: information
  CHECK(m["code"] == "ERROR_IPSEC_IKE_NEG_STATUS_EXTENDED_END");
  // Nothing in "port 13801 (pid 13806)" on the last line.
  auto [lport, cport] = where(text, "port 13801");
  for (auto& x : diags) CHECK(x["range"]["start"]["line"] != lport);

  // Hover 0x3655: the forms and the range-marker explanation.
  auto h = c.response(c.request("textDocument/hover", {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", l3655}, {"character", c3655 + 3}}}}));
  std::string md = h["result"]["contents"]["value"];
  CHECK(h["result"]["contents"]["kind"] == "markdown");
  CHECK(md.find("ERROR_IPSEC_IKE_NEG_STATUS_EXTENDED_END") != std::string::npos);
  CHECK(md.find("0x80073655") != std::string::npos);
  CHECK(md.find("-2147010987") != std::string::npos);
  CHECK(md.find("13909") != std::string::npos);
  CHECK(md.find("range marker") != std::string::npos);
  CHECK(h["result"]["range"]["start"]["character"] == c3655);

  // Incremental change: add a line with 0x35EE at the top.
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", kUri}, {"version", 2}}},
                                      {"contentChanges", {{{"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}}, {"text", "status 0x35EE\n"}}}}});
  auto after = c.diagnostics(kUri);
  CHECK(after["version"] == 2);
  find_diag(after["diagnostics"], 0, 7);
  find_diag(after["diagnostics"], l13801 + 1, c13801 + 11);  // moved down one line
  CHECK(after["diagnostics"].size() == diags.size() + 1);

  c.notify("textDocument/didClose", {{"textDocument", {{"uri", kUri}}}});
  CHECK(c.diagnostics(kUri)["diagnostics"].empty());
  CHECK(c.response(c.request("shutdown", nullptr))["result"].is_null());
  c.notify("exit", nullptr);
  CHECK(p.wait() == 0);
}

TEST_CASE("e2e: utf-8 positions when the client offers them") {
  Process p({binary()});
  Client& c = *p.client;
  CHECK(c.response(c.request("initialize", initialize_params(true)))["result"]["capabilities"]["positionEncoding"] == "utf-8");
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", kUri}, {"languageId", "log"}, {"version", 1}, {"text", "日本 😀 error 13801\n"}}}});
  auto d = c.diagnostics(kUri)["diagnostics"];
  REQUIRE(d.size() == 1);
  CHECK(d[0]["range"]["start"]["character"] == 18);  // 6 + 1 + 4 + 1 + 6 bytes
  auto h = c.response(c.request("textDocument/hover", {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", 0}, {"character", 19}}}}));
  CHECK(h["result"]["range"]["start"]["character"] == 18);
  c.response(c.request("shutdown", nullptr));
  c.notify("exit", nullptr);
  CHECK(p.wait() == 0);
}

TEST_CASE("e2e: utf-16 positions count a surrogate pair as two") {
  Process p({binary()});
  Client& c = *p.client;
  c.response(c.request("initialize", initialize_params(false)));
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", kUri}, {"languageId", "log"}, {"version", 1}, {"text", "日本 😀 error 13801\n"}}}});
  auto d = c.diagnostics(kUri)["diagnostics"];
  REQUIRE(d.size() == 1);
  CHECK(d[0]["range"]["start"]["character"] == 12);
}

TEST_CASE("e2e: exit without shutdown is 1, end of input is 1, promptly") {
  {
    Process p({binary()});
    p.client->response(p.client->request("initialize", initialize_params()));
    p.client->notify("exit", nullptr);
    CHECK(p.wait() == 1);
  }
  {
    Process p({binary()});
    p.client->response(p.client->request("initialize", initialize_params()));
    p.client->close_output();
    CHECK(p.wait(2000ms) == 1);
  }
}

TEST_CASE("e2e: a large didChange while the server writes a large diagnostics list does not deadlock") {
  Process p({binary()});
  Client& c = *p.client;
  c.response(c.request("initialize", {{"capabilities", json::object()}, {"initializationOptions", {{"maxDiagnostics", 100000}}}}));
  // ~60k findings -> several MB of diagnostics JSON, far beyond a pipe buffer.
  std::string text;
  for (int i = 0; i < 60000; ++i) text += "error 13801\n";
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", kUri}, {"languageId", "log"}, {"version", 1}, {"text", text}}}});
  // Without reading anything, push several MB of edits: the server must keep reading
  // stdin while its stdout is full.
  std::string big(8 << 20, 'x');
  std::thread writer([&] {
    for (int v = 2; v < 5; ++v)
      c.notify("textDocument/didChange", {{"textDocument", {{"uri", kUri}, {"version", v}}},
                                          {"contentChanges", {{{"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}}, {"text", big}}}}});
  });
  writer.join();  // would hang here if the server stopped reading
  int id = c.request("shutdown", nullptr);
  auto r = c.wait_for([&](const json& m) { return m.contains("id") && m["id"] == id; },
                      kSanitized ? 240000ms : 60000ms);  // ~70 s alone under ASan, more beside other tests
  CHECK(r["result"].is_null());
  std::size_t diag_lists = 0;
  for (auto& m : c.seen)
    if (m.value("method", "") == "textDocument/publishDiagnostics") ++diag_lists;
  CHECK(diag_lists >= 1);
  c.notify("exit", nullptr);
  CHECK(p.wait() == 0);
}

TEST_CASE("e2e: malformed input gets clear errors and the server stays up") {
  Process p({binary()});
  Client& c = *p.client;
  c.response(c.request("initialize", initialize_params()));
  c.send_raw("Content-Length: 5\r\n\r\n{bad}");
  CHECK(c.wait_for([](const json& m) { return m.contains("error"); })["error"]["code"] == -32700);
  c.send_raw("Nonsense-Header\r\n\r\n");
  std::string invalid_utf8 = "error 13801 \xff\xfe\n";
  json open = {{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
               {"params", {{"textDocument", {{"uri", kUri}, {"languageId", "log"}, {"version", 1}, {"text", "placeholder"}}}}}};
  // nlohmann refuses to dump invalid UTF-8; write the frame by hand with the raw bytes.
  std::string body = open.dump();
  body.replace(body.find("placeholder"), 11, invalid_utf8.substr(0, invalid_utf8.size() - 1));
  c.send_raw("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  // Invalid UTF-8 is read as U+FFFD: the document opens and its code is found.
  auto diags = c.diagnostics(kUri)["diagnostics"];
  REQUIRE(diags.size() == 1);
  CHECK(diags[0]["code"] == "ERROR_IPSEC_IKE_AUTH_FAIL");
  CHECK(c.response(c.request("textDocument/hover", {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", -1}, {"character", 0}}}}))["error"]["code"] == -32602);
  CHECK(c.response(c.request("shutdown", nullptr))["result"].is_null());
  c.notify("exit", nullptr);
  CHECK(p.wait() == 0);
}

TEST_CASE("e2e: hover on 13801 is the short answer: title, official text, first checks, causes, pointer") {
  Process p({binary()});
  Client& c = *p.client;
  c.response(c.request("initialize", initialize_params()));
  const std::string text = example();
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", kUri}, {"languageId", "log"}, {"version", 1}, {"text", text}}}});
  c.diagnostics(kUri);
  auto [l, col] = where(text, "failure is 13801");
  auto h = c.response(c.request("textDocument/hover", {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", l}, {"character", col + 13}}}}));
  std::string md = h["result"]["contents"]["value"];
  // The short answer in the reader's order; the name once.
  const std::vector<std::string> order = {"**ERROR_IPSEC_IKE_AUTH_FAIL** `13801`", "`0x800735E9`", "`-2147011095`",
                                          "> IKE authentication credentials are unacceptable", "**What to check first**",
                                          "\n1. ", "\n2. ", "\n3. ", "**Likely causes:**",
                                          "Full explanation: `winerr-ls explain 13801`", "*found as a decimal: the word `failure`"};
  std::size_t at = 0;
  for (auto& s : order) {
    INFO(s);
    auto pos = md.find(s, at);
    CHECK(pos != std::string::npos);
    if (pos != std::string::npos) at = pos;
  }
  CHECK(md.find("ERROR_IPSEC_IKE_AUTH_FAIL", 3) == std::string::npos);
  CHECK(md.find("\n4. ") == std::string::npos);
  // Inlay hints name the numeric codes; a log gets no rewrites (tests/e2e/test_code_actions.cpp).
  auto hints = c.response(c.request("textDocument/inlayHint", {{"textDocument", {{"uri", kUri}}}, {"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 20}, {"character", 0}}}}}}));
  bool named = false;
  for (auto& x : hints["result"]) named = named || x["label"] == "ERROR_IPSEC_IKE_AUTH_FAIL";
  CHECK(named);
  json diag = {{"range", {{"start", {{"line", l}, {"character", col + 11}}}, {"end", {{"line", l}, {"character", col + 16}}}}},
               {"source", "winerr"}, {"message", "x"}, {"data", {{"value", 13801}, {"family", "win32"}, {"form", "decimal"}, {"confidence", "certain"}}}};
  auto acts = c.response(c.request("textDocument/codeAction", {{"textDocument", {{"uri", kUri}}}, {"range", diag["range"]}, {"context", {{"diagnostics", {diag}}}}}));
  // No rewrite in a log; the one action explains the code.
  REQUIRE(acts["result"].size() == 1);
  CHECK(acts["result"][0]["title"] == "Explain 13801 (ERROR_IPSEC_IKE_AUTH_FAIL)");
  CHECK(!acts["result"][0].contains("edit"));
}

TEST_CASE("e2e: a user catalog from initializationOptions, and a bad one warns while the embedded catalog works") {
  std::string good = "/tmp/winerr-ls-e2e-team.json", bad = "/tmp/winerr-ls-e2e-bad.json";
  std::ofstream(good) << R"({"entries": [{"value": 13801, "runbook": "https://wiki.example/13801"}]})";
  std::ofstream(bad) << R"({"entries": [{"value": "thirteen"}]})";
  {
    Process p({binary()});
    Client& c = *p.client;
    c.response(c.request("initialize", {{"capabilities", json::object()}, {"initializationOptions", {{"catalogPath", good}}}}));
    c.notify("textDocument/didOpen", {{"textDocument", {{"uri", kUri}, {"languageId", "log"}, {"version", 1}, {"text", "error 13801\n"}}}});
    c.diagnostics(kUri);
    auto h = c.response(c.request("textDocument/hover", {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", 0}, {"character", 7}}}}));
    CHECK(h["result"]["contents"]["value"].get<std::string>().find("https://wiki.example/13801") != std::string::npos);
  }
  {
    Process p({binary()});
    Client& c = *p.client;
    c.response(c.request("initialize", {{"capabilities", json::object()}, {"initializationOptions", {{"catalogPath", bad}}}}));
    auto warn = c.wait_for([](const json& m) { return m.value("method", "") == "window/showMessage"; });
    CHECK(warn["params"]["message"].get<std::string>().find(bad + ": entries[0]") != std::string::npos);
    CHECK(warn["params"]["message"].get<std::string>().find("'value'") != std::string::npos);
    c.notify("textDocument/didOpen", {{"textDocument", {{"uri", kUri}, {"languageId", "log"}, {"version", 1}, {"text", "error 13801\n"}}}});
    CHECK(c.diagnostics(kUri)["diagnostics"].size() == 1);
    c.response(c.request("shutdown", nullptr));
    c.notify("exit", nullptr);
    CHECK(p.wait() == 0);
  }
}
