// End-to-end: $/progress while a large document is scanned, for a client that offers
// window.workDoneProgress: create -> begin -> end (with the count), nothing for small documents,
// nothing for a scan that ended before the client created the token. Exact JSON.
#include <catch2/catch.hpp>

#include "../support/lsp_test_client.h"

using namespace lsp_test;

namespace {
const json kCaps = {{"window", {{"workDoneProgress", true}}}};
// 20 MB: its scan runs far longer than the client takes to answer the create request.
std::string big_log() {
  std::string s = "IKE error 13801\n";
  while (s.size() < (std::size_t{20} << 20)) s += "2026-11-20 08:14:02.113 IKEEXT 4242 nothing to see on this line\n";
  return s + "IKE error 0x35E9\n";
}
void open(Client& c, const std::string& uri, const std::string& text) {
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", "log"}, {"version", 1}, {"text", text}}}});
}
bool any_progress(const Client& c) {
  for (const json& m : c.seen)
    if (m.value("method", "") == "$/progress" || m.value("method", "") == "window/workDoneProgress/create") return true;
  return false;
}
}  // namespace

TEST_CASE("progress: a large scan is shown as begin and end on a token the client created") {
  Process p{{server_binary()}};
  Client& c = *p.client;
  c.response(c.request("initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", kCaps}}));
  open(c, "file:///logs/big.log", big_log());
  const json create = c.wait_for([](const json& m) { return m.value("method", "") == "window/workDoneProgress/create"; });
  CHECK(create["params"] == json{{"token", "winerr-scan-1"}});
  c.send({{"jsonrpc", "2.0"}, {"id", create["id"]}, {"result", nullptr}});
  const json begin = c.wait_for([](const json& m) { return m.value("method", "") == "$/progress"; }, 30000ms);
  CHECK(begin["params"] == json{{"token", "winerr-scan-1"},
                                {"value", {{"kind", "begin"}, {"title", "winerr-ls: scanning big.log"}, {"message", "20 MB"}, {"cancellable", false}}}});
  const json end = c.wait_for([](const json& m) { return m.value("method", "") == "$/progress"; }, 60000ms);
  CHECK(end["params"] == json{{"token", "winerr-scan-1"}, {"value", {{"kind", "end"}, {"message", "2 findings"}}}});
  CHECK(c.diagnostics("file:///logs/big.log")["diagnostics"].size() == 2);
}

TEST_CASE("progress: none for a small document, none for a client without workDoneProgress") {
  {
    Process p{{server_binary()}};
    Client& c = *p.client;
    c.response(c.request("initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", kCaps}}));
    open(c, "file:///small.log", "IKE error 13801\n");
    c.diagnostics("file:///small.log");
    c.response(c.request("shutdown", nullptr));
    CHECK_FALSE(any_progress(c));
  }
  {
    Process p{{server_binary()}};
    Client& c = *p.client;
    c.response(c.request("initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", json::object()}}));
    open(c, "file:///big.log", big_log());
    c.diagnostics("file:///big.log");
    c.response(c.request("shutdown", nullptr));
    CHECK_FALSE(any_progress(c));
  }
}

TEST_CASE("progress: a scan that ends before the client creates the token reports nothing") {
  Process p{{server_binary()}};
  Client& c = *p.client;
  c.response(c.request("initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", kCaps}}));
  open(c, "file:///big.log", big_log());
  const json create = c.wait_for([](const json& m) { return m.value("method", "") == "window/workDoneProgress/create"; });
  c.diagnostics("file:///big.log");  // the scan is done; only now does the client answer
  c.send({{"jsonrpc", "2.0"}, {"id", create["id"]}, {"result", nullptr}});
  c.response(c.request("shutdown", nullptr));
  for (const json& m : c.seen) CHECK(m.value("method", "") != "$/progress");
}
