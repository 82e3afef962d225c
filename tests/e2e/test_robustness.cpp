// End-to-end behaviour table for odd and hostile input (issue "Unbreakable"): the real binary
// over real stdio. After every case a hover on another open document must still answer, so
// no case can cost the session or a document.
#include <catch2/catch.hpp>

#include <signal.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "../support/lsp_test_client.h"

using namespace lsp_test;

namespace {
std::string binary() {
  const char* p = std::getenv("WINERR_LS");
  return p ? p : "winerr-ls";
}
const std::string kWitness = "file:///witness.log";

std::string frame(const std::string& body) { return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body; }

// A session with a witness document open ("error 13801" on line 0).
struct Session {
  Process p{{binary()}};
  Client& c = *p.client;
  Session() {
    c.response(c.request("initialize", initialize_params()));
    c.notify("initialized", json::object());
    open(kWitness, "error 13801\n");
    REQUIRE(c.diagnostics(kWitness)["diagnostics"].size() == 1);
  }
  void open(const std::string& uri, const std::string& text, int version = 1) {
    c.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", "log"}, {"version", version}, {"text", text}}}});
  }
  json hover(const std::string& uri, int line, int character) {
    return c.response(c.request("textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", line}, {"character", character}}}}));
  }
  // The witness still answers: the session and its documents survived.
  void still_serving() {
    auto h = hover(kWitness, 0, 8);
    REQUIRE(h.contains("result"));
    CHECK(h["result"]["contents"]["value"].get<std::string>().find("ERROR_IPSEC_IKE_AUTH_FAIL") != std::string::npos);
  }
  json next_error() {
    return c.wait_for([](const json& m) { return m.contains("error"); });
  }
  int finish() {
    c.response(c.request("shutdown", nullptr));
    c.notify("exit", nullptr);
    auto code = p.wait();
    return code ? *code : -1;
  }
};
json change(const std::string& uri, int version, json range, const std::string& text) {
  return {{"textDocument", {{"uri", uri}, {"version", version}}}, {"contentChanges", {{{"range", range}, {"text", text}}}}};
}
json range(int l1, int c1, int l2, int c2) {
  return {{"start", {{"line", l1}, {"character", c1}}}, {"end", {{"line", l2}, {"character", c2}}}};
}
}  // namespace

TEST_CASE("robustness: framing errors are skipped and the next message is answered") {
  struct Row {
    const char* name;
    std::string bytes;
  };
  const std::string body = R"({"jsonrpc":"2.0","id":"x","method":"shutdownX"})";
  std::vector<Row> rows = {
      {"missing Content-Length", "Content-Type: application/json\r\n\r\n{}"},
      {"duplicate conflicting Content-Length", "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}"},
      {"negative Content-Length", "Content-Length: -7\r\n\r\n{}"},
      {"non-numeric Content-Length", "Content-Length: ten\r\n\r\n{}"},
      {"19 digits", "Content-Length: 9999999999999999999\r\n\r\n{}"},
      {"over the cap", "Content-Length: 99999999999\r\n\r\n{\"a\":1}"},
      {"garbage between frames", "\x01\x02 garbage\r\nmore garbage\n"},
      {"a stray byte before a header", "x"},
      {"a length one byte short", "Content-Length: 6\r\n\r\n{\"a\":1}"},
  };
  for (auto& row : rows) {
    INFO(row.name);
    Session s;
    s.c.send_raw(row.bytes);
    // The request right behind the broken bytes is answered: unknown method, -32601.
    s.c.send_raw(frame(body));
    auto r = s.c.wait_for([](const json& m) { return m.contains("id") && m["id"] == "x"; });
    CHECK(r == json{{"jsonrpc", "2.0"}, {"id", "x"}, {"error", {{"code", -32601}, {"message", "unknown method shutdownX"}}}});
    s.still_serving();
    CHECK(s.finish() == 0);
  }
}

TEST_CASE("robustness: a body cut off by the end of input ends the session with 1") {
  Process p({binary()});
  p.client->send_raw("Content-Length: 100\r\n\r\n{\"jsonrpc\":");
  p.client->close_output();
  CHECK(p.wait(2000ms) == 1);
}

TEST_CASE("robustness: envelope errors, exact responses") {
  Session s;
  struct Row {
    const char* name;
    std::string body;
    json expected;
  };
  std::vector<Row> rows = {
      {"invalid JSON", "{nope", {{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", -32700}, {"message", "the message is not valid JSON"}}}}},
      {"not an object", "42", {{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", -32600}, {"message", "a message must be a JSON object"}}}}},
      {"a batch", R"([{"jsonrpc":"2.0","id":1,"method":"shutdown"}])",
       {{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", -32600}, {"message", "batch requests are not supported"}}}}},
      {"wrong jsonrpc", R"({"jsonrpc":"1.0","id":7,"method":"shutdown"})",
       {{"jsonrpc", "2.0"}, {"id", 7}, {"error", {{"code", -32600}, {"message", "jsonrpc must be \"2.0\""}}}}},
      {"id that is an object", R"({"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"})",
       {{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", -32600}, {"message", "id must be a number or a string"}}}}},
      {"wrong param type", R"({"jsonrpc":"2.0","id":8,"method":"textDocument/hover","params":{"textDocument":{"uri":5},"position":{"line":0,"character":0}}})",
       {{"jsonrpc", "2.0"}, {"id", 8}, {"error", {{"code", -32602}, {"message", "textDocument.uri must be a string"}}}}},
      {"missing field", R"({"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///witness.log"}}})",
       {{"jsonrpc", "2.0"}, {"id", 9}, {"error", {{"code", -32602}, {"message", "position is missing"}}}}},
      {"unknown method", R"({"jsonrpc":"2.0","id":10,"method":"foo/bar"})",
       {{"jsonrpc", "2.0"}, {"id", 10}, {"error", {{"code", -32601}, {"message", "unknown method foo/bar"}}}}},
      {"JSON nested 100,000 deep", R"({"jsonrpc":"2.0","id":11,"method":"x","params":)" + std::string(100000, '[') + std::string(100000, ']') + "}",
       {{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", -32700}, {"message", "the message is nested deeper than 128 levels"}}}}},
  };
  for (auto& row : rows) {
    INFO(row.name);
    s.c.send_raw(frame(row.body));
    CHECK(s.next_error() == row.expected);
    s.still_serving();
  }
  // Unknown notifications, $/ or not, are ignored: nothing comes back for them.
  s.c.notify("foo/bar", json::object());
  s.c.notify("$/setTrace", {{"value", "off"}});
  s.still_serving();
  for (auto& m : s.c.seen) CHECK(m.value("method", "") != "window/showMessage");
  CHECK(s.finish() == 0);
}

TEST_CASE("robustness: the two crashing messages are refused and the server stays up") {
  Session s;
  // $/cancelRequest whose id is an array nested 100,000 deep (the report's repro).
  s.c.send_raw(frame(R"({"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":)" + std::string(100000, '[') +
                     std::string(100000, ']') + "}}"));
  CHECK(s.next_error()["error"]["code"] == -32700);
  s.still_serving();
  // A codeAction whose winerr diagnostic carries a field nested 100,000 deep.
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  s.c.send_raw(frame(R"({"jsonrpc":"2.0","id":"ca","method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///witness.log"},)"
                     R"("range":{"start":{"line":0,"character":6},"end":{"line":0,"character":11}},"context":{"diagnostics":[{"source":"winerr",)"
                     R"("range":{"start":{"line":0,"character":6},"end":{"line":0,"character":11}},"message":"m","data":{"value":13801,"x":)" +
                     deep + "}}]}}}"));
  CHECK(s.next_error()["error"]["code"] == -32700);
  s.still_serving();
  // A cancel whose id is not an integer or string is ignored; a data.value past 32 bits is no code.
  s.c.notify("$/cancelRequest", {{"id", {{"a", 1}}}});
  auto ca = s.c.response(s.c.request("textDocument/codeAction",
                                     {{"textDocument", {{"uri", kWitness}}}, {"range", range(0, 6, 0, 11)},
                                      {"context", {{"diagnostics", {{{"source", "winerr"}, {"range", range(0, 6, 0, 11)}, {"message", "m"},
                                                                    {"data", {{"value", 4294967296ull + 13801}, {"family", "win32"}, {"form", "decimal"}}}}}}}}}));
  // A log: no rewrite, only the "Explain" action of the token in the text.
  REQUIRE(ca["result"].size() == 1);
  CHECK(ca["result"][0]["command"]["arguments"] == json::array({"ERROR_IPSEC_IKE_AUTH_FAIL"}));
  CHECK(!ca["result"][0].contains("edit"));
  s.still_serving();
  CHECK(s.finish() == 0);
}

TEST_CASE("robustness: lifecycle errors") {
  Process p({binary()});
  Client& c = *p.client;
  CHECK(c.response(c.request("textDocument/hover", json::object()))["error"] ==
        json{{"code", -32002}, {"message", "the server is not initialized"}});
  c.response(c.request("initialize", initialize_params()));
  CHECK(c.response(c.request("initialize", initialize_params()))["error"] ==
        json{{"code", -32600}, {"message", "initialize was already called"}});
  c.response(c.request("shutdown", nullptr));
  CHECK(c.response(c.request("textDocument/hover", json::object()))["error"] ==
        json{{"code", -32600}, {"message", "the server is shutting down"}});
  c.notify("exit", nullptr);
  CHECK(p.wait() == 0);
}

TEST_CASE("robustness: odd edits keep the document and its findings right") {
  Session s;
  const std::string uri = "file:///edits.log";
  // Line 1 holds a surrogate pair: "😀" is UTF-16 units 0-1.
  s.open(uri, "status ok\n😀 x\n");
  CHECK(s.c.diagnostics(uri)["diagnostics"].empty());
  struct Row {
    const char* name;
    json params;
    int expected_line, expected_character;  // where "error 13801" lands
  };
  std::vector<Row> rows = {
      {"character past the end of the line", change(uri, 2, range(0, 99, 0, 99), " error 13801"), 0, 16},
      {"version going backwards", change(uri, 1, range(0, 0, 0, 0), "error 13801 "), 0, 6},
      {"inverted range", change(uri, 3, range(0, 6, 0, 0), "error 13801"), 0, 6},
      {"position inside a surrogate pair", change(uri, 4, range(1, 1, 1, 1), "error 13801 "), 1, 6},
      {"line past the end of the document", change(uri, 5, range(50, 0, 60, 0), "error 13801"), 2, 6},
  };
  for (auto& row : rows) {
    INFO(row.name);
    s.open(uri, "status ok\n😀 x\n", 1);
    s.c.diagnostics(uri);
    s.c.notify("textDocument/didChange", row.params);
    auto d = s.c.diagnostics(uri)["diagnostics"];
    REQUIRE(d.size() == 1);
    CHECK(d[0]["range"]["start"] == json{{"line", row.expected_line}, {"character", row.expected_character}});
    s.still_serving();
  }
  for (auto& m : s.c.seen) CHECK(m.value("method", "") != "window/showMessage");
  CHECK(s.finish() == 0);
}

TEST_CASE("robustness: odd text is kept and checked") {
  Session s;
  struct Row {
    const char* name;
    std::string raw_text;  // goes into the JSON string as is (already escaped where needed)
    int line, character;   // of 13801
  };
  std::vector<Row> rows = {
      {"invalid UTF-8", "\xff\xfe error 13801", 0, 9},
      {"a lone surrogate", "\\ud800 error 13801", 0, 8},  // U+FFFD is one unit
      {"NUL bytes", "\\u0000\\u0000 error 13801", 0, 9},
      {"CRLF endings", "a\\r\\nb\\r\\nerror 13801\\r\\n", 2, 6},
      {"CR-only endings", "a\\rb\\rerror 13801\\r", 2, 6},
      {"mixed endings", "a\\rb\\nc\\r\\nerror 13801", 3, 6},
  };
  int n = 0;
  for (auto& row : rows) {
    INFO(row.name);
    const std::string uri = "file:///odd" + std::to_string(n++) + ".log";
    s.c.send_raw(frame(R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":")" + uri +
                       R"(","languageId":"log","version":1,"text":")" + row.raw_text + "\"}}}"));
    auto d = s.c.diagnostics(uri)["diagnostics"];
    REQUIRE(d.size() == 1);
    CHECK(d[0]["range"]["start"] == json{{"line", row.line}, {"character", row.character}});
    s.still_serving();
  }
  // One 10 MB line, with a code at its end.
  const std::string uri = "file:///long.log";
  s.open(uri, std::string(10 << 20, 'a') + " error 13801");
  auto d = s.c.diagnostics(uri)["diagnostics"];
  REQUIRE(d.size() == 1);
  CHECK(d[0]["range"]["start"]["character"] == (10 << 20) + 7);
  s.still_serving();
  CHECK(s.finish() == 0);
}

TEST_CASE("robustness: 10,000 open documents", "[serial]") {
  Session s;
  for (int i = 0; i < 10000; ++i) s.open("file:///many/" + std::to_string(i) + ".log", "error 13801\n");
  CHECK(s.c.diagnostics("file:///many/9999.log")["diagnostics"].size() == 1);
  s.still_serving();
  CHECK(s.hover("file:///many/5000.log", 0, 8)["result"]["contents"]["value"].get<std::string>().find("13801") != std::string::npos);
  CHECK(s.finish() == 0);
}

TEST_CASE("robustness: dead clients end the session promptly", "[serial]") {
  SECTION("end of input: exit 1 within 100 ms") {
    Session s;
    auto t0 = std::chrono::steady_clock::now();
    s.c.close_output();
    CHECK(s.p.wait(2000ms) == 1);
    CHECK(std::chrono::steady_clock::now() - t0 < 100ms);
  }
  SECTION("stdout closed: exit 1, no spin") {
    Session s;
    s.c.close_input();
    // The next reply hits EPIPE; the server ends instead of writing into the void.
    s.c.request("textDocument/hover", {{"textDocument", {{"uri", kWitness}}}, {"position", {{"line", 0}, {"character", 8}}}});
    CHECK(s.p.wait(2000ms) == 1);
  }
  SECTION("the editor process named in initialize is gone: exit within 2 s") {
    pid_t editor = ::fork();
    if (editor == 0) { ::pause(); _exit(0); }
    Process p({binary()});
    json init = initialize_params();
    init["processId"] = editor;
    p.client->response(p.client->request("initialize", init));
    ::kill(editor, SIGKILL);
    ::waitpid(editor, nullptr, 0);
    auto t0 = std::chrono::steady_clock::now();
    CHECK(p.wait(3000ms) == 1);
    CHECK(std::chrono::steady_clock::now() - t0 < 2000ms);
  }
  SECTION("SIGTERM: a clean exit") {
    Session s;
    ::kill(s.p.pid(), SIGTERM);
    auto code = s.p.wait(2000ms);
    REQUIRE(code);
    CHECK(*code == 0);
  }
}

TEST_CASE("robustness: an endless or huge catalogPath is refused at once") {
  for (const char* path : {"/dev/zero", "/proc/self/fd/0", "/"}) {
    INFO(path);
    Process p({binary()});
    Client& c = *p.client;
    auto t0 = std::chrono::steady_clock::now();
    c.response(c.request("initialize", {{"capabilities", json::object()}, {"initializationOptions", {{"catalogPath", path}}}}));
    CHECK(std::chrono::steady_clock::now() - t0 < 2s);
    auto warn = c.wait_for([](const json& m) { return m.value("method", "") == "window/showMessage"; });
    CHECK(warn["params"]["message"].get<std::string>().find("not a regular file") != std::string::npos);
    c.notify("textDocument/didOpen", {{"textDocument", {{"uri", kWitness}, {"languageId", "log"}, {"version", 1}, {"text", "error 13801\n"}}}});
    CHECK(c.diagnostics(kWitness)["diagnostics"].size() == 1);
    c.response(c.request("shutdown", nullptr));
    c.notify("exit", nullptr);
    CHECK(p.wait() == 0);
  }
}

TEST_CASE("robustness: a client that stops reading cannot grow the server without bound") {
  Session s;
  // 40,000 hovers (each reply ~5 KB, ~200 MB in all) while reading nothing.
  const std::string one = frame(json{{"jsonrpc", "2.0"}, {"id", 0}, {"method", "textDocument/hover"},
                                     {"params", {{"textDocument", {{"uri", kWitness}}}, {"position", {{"line", 0}, {"character", 8}}}}}}.dump());
  std::string batch;
  for (int i = 0; i < 1000; ++i) batch += one;
  for (int k = 0; k < 40; ++k) s.c.send_raw(batch);
  std::this_thread::sleep_for(1500ms);
  const long rss = rss_kib(s.p.pid());
  INFO("server RSS " << rss << " KiB");
  CHECK(rss > 0);
  // The outgoing queue is bounded at 64 MiB; unbounded, 40,000 replies held 209 MB
  // (issue 13's measurement before the bound). ASan's shadow and its 16 MiB quarantine (run-all's
  // ASAN_OPTIONS) need the wider bound.
  CHECK(rss < (kSanitized ? 256 : 160) * 1024);
  // Every request is still answered, once, when the client reads again.
  int answered = 0;
  while (answered < 40000) {
    auto m = s.c.read(10000ms);
    REQUIRE(m);
    if (m->contains("id") && (*m)["id"] == 0) ++answered;
  }
  CHECK(answered == 40000);
  s.still_serving();
  CHECK(s.finish() == 0);
}

TEST_CASE("robustness: closing documents returns their memory") {
  Session s;
  std::string text = "2026-12-03 10:00:00 IKEEXT main mode failed error 13801 on SA 42\n";
  while (text.size() < 100 * 1024) text += "2026-12-03 10:00:01 IKEEXT keying module state changed for SA 42\n";
  s.still_serving();
  // Round 0 is the warm-up: the allocator keeps ~1-2 MB of bookkeeping from the first burst
  // (measured: 4.5 MB before any document, 5.3 MB after the first round). What must hold is
  // that opening and closing the same 50 MB again does not grow the server.
  long before = 0;
  for (int round = 0; round < 4; ++round) {
    if (round == 1) before = rss_kib(s.p.pid());  // after the warm-up round
    for (int i = 0; i < 500; ++i) s.open("file:///mem/" + std::to_string(i) + ".log", text);
    s.c.diagnostics("file:///mem/499.log");
    for (int i = 0; i < 500; ++i) s.c.notify("textDocument/didClose", {{"textDocument", {{"uri", "file:///mem/" + std::to_string(i) + ".log"}}}});
    s.c.diagnostics("file:///mem/499.log");
    // Let the scan thread finish with its last snapshot; the hover lets the worker go idle.
    std::this_thread::sleep_for(200ms);
    s.still_serving();
    std::this_thread::sleep_for(50ms);
    UNSCOPED_INFO("round " << round << " RSS " << rss_kib(s.p.pid()) << " KiB");
  }
  const long after = rss_kib(s.p.pid());
  INFO("RSS before " << before << " KiB, after " << after << " KiB");
  // 10%, but at least 1 MiB: a static binary starts at ~3 MB, where 10% is allocator noise.
  CHECK(after <= before + std::max(before / 10, 1024L));
  CHECK(s.finish() == 0);
}
