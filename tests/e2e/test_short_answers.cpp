// End-to-end over stdio, exact JSON: the diagnostic messages (the number and the official
// text, never the name), the short hover of a range marker in Markdown and in plain text, and
// inlay hints (none for a possible finding, none beside a written name).
#include <catch2/catch.hpp>

#include <cstdlib>

#include "../support/lsp_test_client.h"

using namespace lsp_test;

namespace {
std::string binary() {
  const char* p = std::getenv("WINERR_LS");
  return p ? p : "winerr-ls";
}
const std::string kUri = "file:///tmp/x.log";
// Line 0: a range marker (certain); line 1: 13801 with its name written beside it (one
// mention: one diagnostic, on the number);
// line 2: a bare hex value, a possible finding.
const std::string kText = "IKE negotiation ended with status 0x3655\nerror 13801(ERROR_IPSEC_IKE_AUTH_FAIL)\nvalue 0x35E9\n";

json open_session(Client& c, json caps) {
  c.response(c.request("initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", std::move(caps)}}));
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", kUri}, {"languageId", "log"}, {"version", 1}, {"text", kText}}}});
  return c.diagnostics(kUri);
}
json hover_marker(Client& c) {
  return c.response(c.request("textDocument/hover", {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", 0}, {"character", 36}}}}))["result"];
}
}  // namespace

TEST_CASE("e2e short answers: diagnostics, Markdown hover of 0x3655 and inlay hints, exactly") {
  Process p({binary()});
  Client& c = *p.client;
  CHECK(open_session(c, json::object()) == json::parse(R"json({"diagnostics": [{"code": "ERROR_IPSEC_IKE_AUTH_FAIL", "codeDescription": {"href": "https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--12000-15999-"}, "data": {"confidence": "certain", "family": "win32", "form": "decimal", "value": 13801, "why": "found as a decimal: the name `ERROR_IPSEC_IKE_AUTH_FAIL` beside it"}, "message": "13801 IKE authentication credentials are unacceptable", "range": {"end": {"character": 11, "line": 1}, "start": {"character": 6, "line": 1}}, "severity": 1, "source": "winerr"}, {"code": "ERROR_IPSEC_IKE_NEG_STATUS_EXTENDED_END", "codeDescription": {"href": "https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--12000-15999-"}, "data": {"confidence": "certain", "family": "win32", "form": "hex", "value": 13909, "why": "found as a hex number: the word `status` before it in its sentence"}, "message": "13909 (status marker)", "range": {"end": {"character": 40, "line": 0}, "start": {"character": 34, "line": 0}}, "severity": 3, "source": "winerr"}, {"code": "ERROR_IPSEC_IKE_AUTH_FAIL", "codeDescription": {"href": "https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--12000-15999-"}, "data": {"confidence": "possible", "family": "win32", "form": "hex", "value": 13801, "why": "possible: nothing around it says it is an error code"}, "message": "13801 IKE authentication credentials are unacceptable (possible)", "range": {"end": {"character": 12, "line": 2}, "start": {"character": 6, "line": 2}}, "severity": 4, "source": "winerr"}], "uri": "file:///tmp/x.log", "version": 1})json"));
  CHECK(hover_marker(c) == json::parse(R"json({"contents": {"kind": "markdown", "value": "**ERROR_IPSEC_IKE_NEG_STATUS_EXTENDED_END** `13909` \u00b7 `0x3655` \u00b7 HRESULT `0x80073655` (`-2147010987`)  \n**A range marker, not a failure:** it bounds a block of IKE codes in winerror.h.\n\n**What to check first**\n1. Look for the real failure in the same negotiation's records: the Windows error code of the IKEEXT failure net event, or the IPsec main/quick/extended mode failure audit events.\n2. For VPN connections, read the RasClient event, which ends with the actual error code of the failed attempt.\n3. In a `netsh wfp capture` result, read the errorFrequencyTable in wfpdiag.xml; it counts IKE errors from ERROR_IPSEC_IKE_NEG_STATUS_BEGIN to ERROR_IPSEC_IKE_NEG_STATUS_END, so the bound itself is never a counted failure.\n\n**Why a log prints it:** A tool or script dumped the whole Win32 error table or the IPsec message table, which lists every value including this bound. Code\u2026  \nFull explanation: `winerr-ls explain 13909`  \n*found as a hex number: the word `status` before it in its sentence*"}, "range": {"end": {"character": 40, "line": 0}, "start": {"character": 34, "line": 0}}})json"));
  auto hints = c.response(c.request("textDocument/inlayHint", {{"textDocument", {{"uri", kUri}}},
                                                                {"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 3}, {"character", 0}}}}}}));
  CHECK(hints["result"] == json::parse(R"json([{"kind": 1, "label": "ERROR_IPSEC_IKE_NEG_STATUS_EXTENDED_END", "paddingLeft": true, "position": {"character": 40, "line": 0}}])json"));
}

TEST_CASE("e2e short answers: a plaintext client gets the same hover without markup") {
  Process p({binary()});
  Client& c = *p.client;
  open_session(c, {{"textDocument", {{"hover", {{"contentFormat", {"plaintext"}}}}}}});
  CHECK(hover_marker(c) == json::parse(R"json({"contents": {"kind": "plaintext", "value": "ERROR_IPSEC_IKE_NEG_STATUS_EXTENDED_END 13909 \u00b7 0x3655 \u00b7 HRESULT 0x80073655 (-2147010987)\nA range marker, not a failure: it bounds a block of IKE codes in winerror.h.\n\nWhat to check first\n1. Look for the real failure in the same negotiation's records: the Windows error code of the IKEEXT failure net event, or the IPsec main/quick/extended mode failure audit events.\n2. For VPN connections, read the RasClient event, which ends with the actual error code of the failed attempt.\n3. In a `netsh wfp capture` result, read the errorFrequencyTable in wfpdiag.xml; it counts IKE errors from ERROR_IPSEC_IKE_NEG_STATUS_BEGIN to ERROR_IPSEC_IKE_NEG_STATUS_END, so the bound itself is never a counted failure.\n\nWhy a log prints it: A tool or script dumped the whole Win32 error table or the IPsec message table, which lists every value including this bound. Code that\u2026\nFull explanation: winerr-ls explain 13909\nfound as a hex number: the word `status` before it in its sentence"}, "range": {"end": {"character": 40, "line": 0}, "start": {"character": 34, "line": 0}}})json"));
}
