// End-to-end: what the judge decides reaches the client — Diagnostic.data.why, the hover's
// last line, CR-only line endings, and a document re-judged when its profile changes.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "../support/lsp_test_client.h"

using namespace lsp_test;

namespace {
std::string binary() {
  const char* p = std::getenv("WINERR_LS");
  return p ? p : "winerr-ls";
}
const std::string kUri = "file:///tmp/detection.log";
const std::string kNoCert =
    "13806 IKE failed to find valid machine certificate. Contact your Network "
    "Security Administrator about installing a valid certificate in the appropriate Certificate Store.";
const std::string kAuthFail = "13801 IKE authentication credentials are unacceptable";
const std::string kPage = "https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--12000-15999-";

json range(int line, int from, int to) {
  return {{"start", {{"line", line}, {"character", from}}}, {"end", {{"line", line}, {"character", to}}}};
}
json diag(int line, int from, int to, int severity, const std::string& name, const std::string& message, int value,
          const std::string& confidence, const std::string& why) {
  return {{"range", range(line, from, to)},
          {"severity", severity},
          {"source", "winerr"},
          {"code", name},
          {"codeDescription", {{"href", kPage}}},
          {"message", message},
          {"data", {{"value", value}, {"family", "win32"}, {"form", "decimal"}, {"confidence", confidence}, {"why", why}}}};
}
void open(Client& c, const std::string& text, int version = 1) {
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", kUri}, {"languageId", "log"}, {"version", version}, {"text", text}}}});
}
}  // namespace

TEST_CASE("e2e detection: data.why says which key owns a value — a quantity key beside it is no finding") {
  Process p({binary()});
  Client& c = *p.client;
  c.response(c.request("initialize", initialize_params()));
  open(c, "IKE trace\nstatus=13806 retry_delay_ms=13868 rx_bytes=13801\n");
  const json got = c.diagnostics(kUri);
  const json want = {{"uri", kUri},
                     {"version", 1},
                     {"diagnostics",
                      {diag(1, 7, 12, 1, "ERROR_IPSEC_IKE_NO_CERT", kNoCert, 13806, "certain",
                            "found as a decimal: the key `status` owns it")}}};
  CHECK(got == want);
  // The hover ends with the same reason.
  auto h = c.response(c.request("textDocument/hover", {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", 1}, {"character", 9}}}}));
  const std::string md = h["result"]["contents"]["value"];
  const std::string last = "  \n*found as a decimal: the key `status` owns it*";  // the hover's last line
  REQUIRE(md.size() > last.size());
  CHECK(md.substr(md.size() - last.size()) == last);
  CHECK(h["result"]["range"] == range(1, 7, 12));
}

TEST_CASE("e2e detection: a lone CR ends a line, as LF and CRLF do") {
  Process p({binary()});
  Client& c = *p.client;
  c.response(c.request("initialize", initialize_params()));
  open(c, "IKE\rerror 13801\rerror 13806");
  const json got = c.diagnostics(kUri);
  const json want = {{"uri", kUri},
                     {"version", 1},
                     {"diagnostics",
                      {diag(1, 6, 11, 1, "ERROR_IPSEC_IKE_AUTH_FAIL", kAuthFail, 13801, "certain",
                            "found as a decimal: the word `error` before it in its sentence"),
                       diag(2, 6, 11, 1, "ERROR_IPSEC_IKE_NO_CERT", kNoCert, 13806, "certain",
                            "found as a decimal: the word `error` before it in its sentence")}}};
  CHECK(got == want);
}

TEST_CASE("e2e detection: a document without IPsec context gets a hint — its first IKE word makes it an error") {
  Process p({binary()});
  Client& c = *p.client;
  c.response(c.request("initialize", initialize_params()));
  open(c, "header\nerror 13806\n");
  json got = c.diagnostics(kUri);
  CHECK(got == json{{"uri", kUri},
                    {"version", 1},
                    {"diagnostics",
                     {diag(1, 6, 11, 4, "ERROR_IPSEC_IKE_NO_CERT", kNoCert + " (possible)", 13806, "possible",
                           "possible: no IPsec context in this document")}}});
  // One word on line 0 re-judges the decimal on line 1.
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", kUri}, {"version", 2}}},
                                      {"contentChanges", {{{"range", range(0, 0, 6)}, {"text", "IKEEXT"}}}}});
  got = c.diagnostics(kUri);
  CHECK(got == json{{"uri", kUri},
                    {"version", 2},
                    {"diagnostics",
                     {diag(1, 6, 11, 1, "ERROR_IPSEC_IKE_NO_CERT", kNoCert, 13806, "certain",
                           "found as a decimal: the word `error` before it in its sentence")}}});
}
