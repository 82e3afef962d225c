// The server in-process over pipes: lifecycle, dispatcher error codes, cancellation,
// fail-closed sync. (tests/e2e does the same against the real binary.)
#include <catch2/catch.hpp>

#include <thread>

#include "../../support/lsp_test_client.h"
#include "server.h"

using namespace lsp_test;

namespace {
struct Session {
  std::unique_ptr<Client> client;
  std::thread thread;
  int exit_code = -1;
  int in_write = -1;
  Session() {
    int to_server[2], from_server[2];
    REQUIRE(::pipe(to_server) == 0);
    REQUIRE(::pipe(from_server) == 0);
    winerr::ServerOptions o;
    o.in_fd = to_server[0];
    o.out_fd = from_server[1];
    thread = std::thread([this, o, r = to_server[0], w = from_server[1]] {
      exit_code = winerr::run_server(o);
      ::close(w);
      ::close(r);
    });
    client = std::make_unique<Client>(to_server[1], from_server[0]);
  }
  ~Session() {
    client->close_output();
    if (thread.joinable()) thread.join();
  }
  int finish() {
    client->close_output();
    thread.join();
    return exit_code;
  }
};
const std::string kUri = "file:///tmp/t.log";
}  // namespace

TEST_CASE("server: requests before initialize get -32002, notifications are ignored") {
  Session s;
  int id = s.client->request("textDocument/hover", {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", 0}, {"character", 0}}}});
  auto r = s.client->response(id);
  CHECK(r["error"]["code"] == -32002);
  s.client->notify("textDocument/didOpen", {{"textDocument", {{"uri", kUri}, {"languageId", "log"}, {"version", 1}, {"text", "error 13801"}}}});
  id = s.client->request("initialize", initialize_params());
  r = s.client->response(id);
  CHECK(r["result"]["capabilities"]["positionEncoding"] == "utf-16");
  CHECK(s.client->seen.empty());  // no diagnostics for the early didOpen
}

TEST_CASE("server: second initialize is -32600, unknown method -32601, bad params -32602, the server keeps serving") {
  Session s;
  s.client->response(s.client->request("initialize", initialize_params(true)));
  CHECK(s.client->response(s.client->request("initialize", initialize_params()))["error"]["code"] == -32600);
  CHECK(s.client->response(s.client->request("textDocument/frobnicate", json::object()))["error"]["code"] == -32601);
  CHECK(s.client->response(s.client->request("textDocument/hover", {{"position", 3}}))["error"]["code"] == -32602);
  CHECK(s.client->response(s.client->request("textDocument/hover", {{"textDocument", {{"uri", 5}}}, {"position", {{"line", 0}, {"character", 0}}}}))["error"]["code"] == -32602);
  s.client->notify("$/someExtension", {{"x", 1}});  // ignored, no answer
  s.client->send_raw("Content-Length: 9\r\n\r\n{not json");
  auto pe = s.client->wait_for([](const json& m) { return m.contains("error"); });
  CHECK(pe["error"]["code"] == -32700);
  CHECK(pe["id"].is_null());
  s.client->send({{"jsonrpc", "2.0"}, {"id", 77}});
  CHECK(s.client->response(77)["error"]["code"] == -32600);
  s.client->send({{"jsonrpc", "1.0"}, {"id", 78}, {"method", "shutdown"}});
  CHECK(s.client->response(78)["error"]["code"] == -32600);
  // still alive
  s.client->notify("textDocument/didOpen", {{"textDocument", {{"uri", kUri}, {"languageId", "log"}, {"version", 1}, {"text", "error 13801"}}}});
  auto d = s.client->diagnostics(kUri);
  CHECK(d["diagnostics"].size() == 1);
}

TEST_CASE("server: shutdown then exit gives 0, requests after shutdown are -32600") {
  Session s;
  s.client->response(s.client->request("initialize", initialize_params()));
  s.client->notify("initialized", json::object());
  CHECK(s.client->response(s.client->request("shutdown", nullptr))["result"].is_null());
  CHECK(s.client->response(s.client->request("textDocument/hover", json::object()))["error"]["code"] == -32600);
  s.client->notify("exit", nullptr);
  s.thread.join();
  CHECK(s.exit_code == 0);
}

TEST_CASE("server: exit without shutdown gives 1, and so does end of input") {
  {
    Session s;
    s.client->response(s.client->request("initialize", initialize_params()));
    s.client->notify("exit", nullptr);
    s.thread.join();
    CHECK(s.exit_code == 1);
  }
  {
    Session s;
    s.client->response(s.client->request("initialize", initialize_params()));
    CHECK(s.finish() == 1);
  }
}

TEST_CASE("server: a cancelled request is answered once, with -32800") {
  Session s;
  s.client->response(s.client->request("initialize", initialize_params()));
  // Queue a big didOpen, then a hover and its cancel right behind it: the reader sees the
  // cancel before the worker reaches the hover.
  std::string big(4 << 20, 'x');
  s.client->notify("textDocument/didOpen", {{"textDocument", {{"uri", kUri}, {"languageId", "log"}, {"version", 1}, {"text", big}}}});
  int id = s.client->request("textDocument/hover", {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", 0}, {"character", 0}}}});
  s.client->notify("$/cancelRequest", {{"id", id}});
  auto r = s.client->response(id);
  // Either the cancel won (-32800) or the hover was already done (null result): exactly one answer.
  if (r.contains("error")) CHECK(r["error"]["code"] == -32800);
  else CHECK(r["result"].is_null());
  int id2 = s.client->request("shutdown", nullptr);
  s.client->response(id2);
  for (auto& m : s.client->seen) CHECK_FALSE((m.contains("id") && m["id"] == id));
}

TEST_CASE("server: odd edits are clamped and keep the document — a never-opened one warns once") {
  Session s;
  s.client->response(s.client->request("initialize", initialize_params()));
  s.client->notify("textDocument/didOpen", {{"textDocument", {{"uri", kUri}, {"languageId", "log"}, {"version", 1}, {"text", "error 13801\n"}}}});
  REQUIRE(s.client->diagnostics(kUri)["diagnostics"].size() == 1);
  // Line 40 does not exist: the edit lands at the end of the document (and the version goes back).
  s.client->notify("textDocument/didChange", {{"textDocument", {{"uri", kUri}, {"version", 1}}},
                                              {"contentChanges", {{{"range", {{"start", {{"line", 40}, {"character", 0}}}, {"end", {{"line", 40}, {"character", 1}}}}}, {"text", "error 13806"}}}}});
  auto d = s.client->diagnostics(kUri)["diagnostics"];
  REQUIRE(d.size() == 2);
  CHECK(d[1]["range"]["start"] == json{{"line", 1}, {"character", 6}});
  // A character past the end of line 0 means its end: "error 13801" + "!".
  s.client->notify("textDocument/didChange", {{"textDocument", {{"uri", kUri}, {"version", 3}}},
                                              {"contentChanges", {{{"range", {{"start", {{"line", 0}, {"character", 99}}}, {"end", {{"line", 0}, {"character", 99}}}}}, {"text", "!"}}}}});
  CHECK(s.client->diagnostics(kUri)["diagnostics"].size() == 2);
  auto h = s.client->response(s.client->request("textDocument/hover", {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", 1}, {"character", 8}}}}));
  CHECK(h["result"]["contents"]["value"].get<std::string>().find("ERROR_IPSEC_IKE_NO_CERT") != std::string::npos);
  // A ranged edit to a document never opened cannot be applied: one warning, not one per edit.
  for (int v = 2; v < 5; ++v)
    s.client->notify("textDocument/didChange", {{"textDocument", {{"uri", "file:///never.log"}, {"version", v}}},
                                                {"contentChanges", {{{"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}}, {"text", "x"}}}}});
  auto warn = s.client->wait_for([](const json& m) { return m.value("method", "") == "window/showMessage"; });
  CHECK(warn["params"]["type"] == 2);
  CHECK(warn["params"]["message"].get<std::string>().find("file:///never.log") != std::string::npos);
  // A full replacement gives the server the text: it is checked from then on.
  s.client->notify("textDocument/didChange", {{"textDocument", {{"uri", "file:///never.log"}, {"version", 5}}}, {"contentChanges", {{{"text", "error 13806\n"}}}}});
  CHECK(s.client->diagnostics("file:///never.log")["diagnostics"].size() == 1);
  s.client->response(s.client->request("shutdown", nullptr));
  for (auto& m : s.client->seen) CHECK(m.value("method", "") != "window/showMessage");
}

TEST_CASE("server: the diagnostics cap keeps the most severe and says how many were left out") {
  Session s;
  s.client->response(s.client->request("initialize", {{"capabilities", json::object()}, {"initializationOptions", {{"maxDiagnostics", 3}}}}));
  std::string text = "table 0x3655 0x3655\nerror 13801\nstatus 0x3655\nWARNING_IPSEC_QM_POLICY_PRUNED\nerror 13806\n";
  s.client->notify("textDocument/didOpen", {{"textDocument", {{"uri", kUri}, {"languageId", "log"}, {"version", 1}, {"text", text}}}});
  auto d = s.client->diagnostics(kUri)["diagnostics"];
  REQUIRE(d.size() == 4);
  CHECK(d[0]["severity"] == 1);
  CHECK(d[0]["range"]["start"]["line"] == 1);
  CHECK(d[1]["severity"] == 1);
  CHECK(d[1]["range"]["start"]["line"] == 4);
  CHECK(d[2]["severity"] == 2);
  CHECK(d[3]["message"].get<std::string>().find("3 more") != std::string::npos);
}
