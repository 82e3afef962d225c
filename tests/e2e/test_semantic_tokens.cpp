// End-to-end: semantic tokens (full, full/delta, range) over real stdio framing, request ->
// exact expected JSON. Each token is 5 integers: line delta, start (relative to the token
// before on the same line), length, type (0 number, 1 enumMember, 2 keyword), modifiers
// (1 error, 2 warning, 4 information, 8 hint). The logic is unit-tested in
// tests/unit/core/test_semantic_tokens.cpp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "../support/lsp_test_client.h"

using namespace lsp_test;
namespace fs = std::filesystem;

namespace {
struct Session : Editor {
  using Editor::Editor;
  json full(const std::string& uri) { return ask("textDocument/semanticTokens/full", {{"textDocument", {{"uri", uri}}}}); }
  json delta(const std::string& uri, const std::string& previous) {
    return ask("textDocument/semanticTokens/full/delta", {{"textDocument", {{"uri", uri}}}, {"previousResultId", previous}});
  }
  json range(const std::string& uri, const json& r) {
    return ask("textDocument/semanticTokens/range", {{"textDocument", {{"uri", uri}}}, {"range", r}});
  }
};

// Line 0: a status word and a decimal with error context; line 1: an emoji (2 UTF-16 units, 4
// UTF-8 bytes) before a range marker; line 2: a bracketed level and one mention in two
// spellings; line 3: a port (no code); line 4: a status word alone.
const std::string kLog =
    "2026-11-20 08:14:02 ERROR RasClient: the error code returned on failure is 13801.\n"
    "IKEEXT: \xF0\x9F\x98\x80 IKE negotiation ended with status 0x3655\n"
    "[warn] Peer failed with error 13801(ERROR_IPSEC_IKE_AUTH_FAIL)\n"
    "port 13801\n"
    "FAILED\n";
const std::string kUri = "file:///w/vpn.log";
// Its tokens, UTF-16.
const json kData = {0, 20, 5, 2, 1,   // ERROR
                    0, 55, 5, 0, 1,   // 13801, error
                    1, 45, 6, 0, 4,   // 0x3655, information (a range marker)
                    1, 1, 4, 2, 2,    // warn
                    0, 29, 5, 0, 1,   // 13801
                    0, 6, 25, 1, 1,   // ERROR_IPSEC_IKE_AUTH_FAIL, the same mention
                    2, 0, 6, 2, 1};   // FAILED

// Applies SemanticTokensEdit[] as a client does.
json apply(json data, const json& edits) {
  for (const json& e : edits) {
    const auto start = e["start"].get<std::ptrdiff_t>(), count = e["deleteCount"].get<std::ptrdiff_t>();
    data.erase(data.begin() + start, data.begin() + start + count);
    for (auto it = e["data"].rbegin(); it != e["data"].rend(); ++it) data.insert(data.begin() + start, *it);
  }
  return data;
}

fs::path fresh_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("winerr-semtok-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}
}  // namespace

TEST_CASE("semantic tokens: initialize offers full with delta, and range, with the legend") {
  Process p{{server_binary()}};
  const json caps = p.client->response(p.client->request("initialize", initialize_params()))["result"]["capabilities"];
  CHECK(caps["semanticTokensProvider"] ==
        json{{"legend", {{"tokenTypes", {"number", "enumMember", "keyword"}}, {"tokenModifiers", {"error", "warning", "information", "hint"}}}},
             {"full", {{"delta", true}}},
             {"range", true}});
}

TEST_CASE("semantic tokens: full is a log's shown codes and status words, UTF-16 positions") {
  Session s;
  s.open(kUri, "log", kLog);
  CHECK(s.full(kUri) == json{{"resultId", "1"}, {"data", kData}});
  // Plain text is read as a log too.
  s.open("file:///w/notes.txt", "plaintext", kLog);
  CHECK(s.full("file:///w/notes.txt") == json{{"resultId", "2"}, {"data", kData}});
}

TEST_CASE("semantic tokens: full with UTF-8 positions counts the emoji as 4") {
  Session s(json{{"general", {{"positionEncodings", {"utf-8", "utf-16"}}}}});
  s.open(kUri, "log", kLog);
  json want = kData;
  want[11] = 47;  // 0x3655: "IKEEXT: " 8 + the emoji's 4 bytes + 35
  CHECK(s.full(kUri) == json{{"resultId", "1"}, {"data", want}});
}

TEST_CASE("semantic tokens: full/delta sends one edit against the last result, none when nothing changed, the whole for an unknown id") {
  Session s;
  s.open(kUri, "log", kLog);
  REQUIRE(s.full(kUri) == json{{"resultId", "1"}, {"data", kData}});
  // A line with a status word and a code inserted before the port line.
  s.c.notify("textDocument/didChange", {{"textDocument", {{"uri", kUri}, {"version", 2}}},
                                         {"contentChanges", {{{"range", lsp_range(3, 0, 3, 0)}, {"text", "WARNING: error 13806\n"}}}}});
  // After the 6 unchanged tokens (30 integers): WARNING and 13806 come in; FAILED, now two
  // lines below 13806, is the same 5 integers as before, so the suffix keeps it.
  const json edit = json::array({{{"start", 30}, {"deleteCount", 0}, {"data", {1, 0, 7, 2, 2, 0, 15, 5, 0, 1}}}});
  const json got = s.delta(kUri, "1");
  CHECK(got == json{{"resultId", "2"}, {"edits", edit}});
  const json now = apply(kData, edit);
  CHECK(s.delta(kUri, "2") == json{{"resultId", "3"}, {"edits", json::array()}});
  // An old id (or one never sent) gets the whole result; so does a full request.
  CHECK(s.delta(kUri, "1") == json{{"resultId", "4"}, {"data", now}});
  CHECK(s.delta(kUri, "nope") == json{{"resultId", "5"}, {"data", now}});
  CHECK(s.full(kUri) == json{{"resultId", "6"}, {"data", now}});
  // Deleting the inserted line again: one edit back to the first data.
  s.c.notify("textDocument/didChange", {{"textDocument", {{"uri", kUri}, {"version", 3}}},
                                         {"contentChanges", {{{"range", lsp_range(3, 0, 4, 0)}, {"text", ""}}}}});
  const json back = s.delta(kUri, "6");
  CHECK(back == json{{"resultId", "7"}, {"edits", {{{"start", 30}, {"deleteCount", 10}, {"data", json::array()}}}}});
  CHECK(apply(now, back["edits"]) == kData);
  // A delta needs its previousResultId.
  CHECK(s.c.response(s.c.request("textDocument/semanticTokens/full/delta", {{"textDocument", {{"uri", kUri}}}}))["error"]["code"] == -32602);
}

TEST_CASE("semantic tokens: a reopened document's old resultId gets the whole result") {
  Session s;
  s.open(kUri, "log", kLog);
  REQUIRE(s.full(kUri)["resultId"] == "1");
  s.c.notify("textDocument/didClose", {{"textDocument", {{"uri", kUri}}}});
  s.c.diagnostics(kUri);
  s.open(kUri, "log", "FAILED\n");
  CHECK(s.delta(kUri, "1") == json{{"resultId", "2"}, {"data", {0, 0, 6, 2, 1}}});
  // Opened again without a close (a client that lost track): the same.
  s.open(kUri, "log", "FAILED\n");
  CHECK(s.delta(kUri, "2") == json{{"resultId", "3"}, {"data", {0, 0, 6, 2, 1}}});
}

TEST_CASE("semantic tokens: range holds the tokens of the lines asked for, the first relative to the document start") {
  Session s;
  s.open(kUri, "log", kLog);
  // Lines 1 and 2: 0x3655 on line 1, then warn, 13801 and the name. No resultId: a delta is
  // always against a full result.
  CHECK(s.range(kUri, lsp_range(1, 0, 3, 0)) == json{{"data", {1, 45, 6, 0, 4, 1, 1, 4, 2, 2, 0, 29, 5, 0, 1, 0, 6, 25, 1, 1}}});
  // From inside the name to the end of the document: the name, whole and coloured as the
  // second spelling of its mention, and FAILED.
  CHECK(s.range(kUri, lsp_range(2, 40, 9, 0)) == json{{"data", {2, 36, 25, 1, 1, 2, 0, 6, 2, 1}}});
  // Nothing in the port line; an empty range holds nothing.
  CHECK(s.range(kUri, lsp_range(3, 0, 3, 10)) == json{{"data", json::array()}});
  CHECK(s.range(kUri, lsp_range(0, 22, 0, 22)) == json{{"data", json::array()}});
  // The range request left no state: a delta against "1" still works.
  REQUIRE(s.full(kUri)["resultId"] == "1");
  CHECK(s.delta(kUri, "1") == json{{"resultId", "2"}, {"edits", json::array()}});
}

TEST_CASE("semantic tokens: none in scripts, source and markdown, whose own highlighting they would fight") {
  Session s;
  for (const auto& [uri, language] : {std::pair<std::string, std::string>{"file:///w/check.ps1", "powershell"},
                                      {"file:///w/ike.c", "c"},
                                      {"file:///w/runbook.md", "markdown"}}) {
    s.open(uri, language, kLog);
    INFO(language);
    CHECK(s.full(uri) == json{{"data", json::array()}});
    CHECK(s.delta(uri, "1") == json{{"data", json::array()}});
    CHECK(s.range(uri, lsp_range(0, 0, 5, 0)) == json{{"data", json::array()}});
  }
}

TEST_CASE("semantic tokens: what the diagnostics hide gets no token — ignored codes, suppressed lines, excluded files") {
  const fs::path root = fresh_dir("hidden");
  std::ofstream(root / ".winerr.json") << R"({"exclude": ["old/**"]})";
  Session s(json::object(), {{"ignore", {"0x3655"}}}, {root});
  const std::string uri = "file://" + (root / "a.log").string();
  s.open(uri, "log",
         "ERROR error 13801\n"
         "IKE ended with status 0x3655\n"
         "error 13806  # winerr-ignore\n"
         "error 13806\n");
  // 0x3655 is ignored and line 2 suppressed (its code only: no status word there anyway).
  CHECK(s.full(uri) == json{{"resultId", "1"}, {"data", {0, 0, 5, 2, 1, 0, 12, 5, 0, 1, 3, 6, 5, 0, 1}}});
  const std::string old = "file://" + (root / "old" / "b.log").string();
  s.open(old, "log", "ERROR error 13801\n");
  CHECK(s.full(old) == json{{"data", json::array()}});
}

TEST_CASE("semantic tokens: a client that takes it is asked to refresh when the settings change, one that does not is not") {
  const json refresh_caps = {{"workspace", {{"semanticTokens", {{"refreshSupport", true}}}}}};
  auto is_refresh = [](const json& m) { return m.value("method", "") == "workspace/semanticTokens/refresh"; };
  {
    Session s(refresh_caps);
    s.open(kUri, "log", kLog);
    REQUIRE(s.full(kUri) == json{{"resultId", "1"}, {"data", kData}});
    // Nothing changed yet, so nothing was asked (a refresh is sent before the answer to any later request).
    s.range(kUri, lsp_range(0, 0, 1, 0));
    REQUIRE(std::none_of(s.c.seen.begin(), s.c.seen.end(), is_refresh));
    s.c.notify("workspace/didChangeConfiguration", {{"settings", {{"winerr", {{"ignore", {"13801"}}}}}}});
    const json r = s.c.wait_for(is_refresh);
    s.c.send({{"jsonrpc", "2.0"}, {"id", r["id"]}, {"result", nullptr}});
    // Both 13801 mentions are gone, the name with its number: two edits' worth in one.
    const json got = s.delta(kUri, "1");
    CHECK(got == json{{"resultId", "2"}, {"edits", {{{"start", 5}, {"deleteCount", 25}, {"data", {1, 45, 6, 0, 4, 1, 1, 4, 2, 2}}}}}});
    CHECK(apply(kData, got["edits"]) == json{0, 20, 5, 2, 1, 1, 45, 6, 0, 4, 1, 1, 4, 2, 2, 2, 0, 6, 2, 1});
  }
  {
    Session s;
    s.open(kUri, "log", kLog);
    REQUIRE(s.full(kUri)["resultId"] == "1");
    s.c.notify("workspace/didChangeConfiguration", {{"settings", {{"winerr", {{"ignore", {"13801"}}}}}}});
    // A refresh would have been sent before this answer.
    CHECK(s.full(kUri) == json{{"resultId", "2"}, {"data", {0, 20, 5, 2, 1, 1, 45, 6, 0, 4, 1, 1, 4, 2, 2, 2, 0, 6, 2, 1}}});
    CHECK(std::none_of(s.c.seen.begin(), s.c.seen.end(), is_refresh));
  }
}

TEST_CASE("semantic tokens: asked before the document is scanned, the answer waits for its codes, or is empty if it closes first") {
  // ~20 MB: its scan runs well past the requests sent right behind the didOpen.
  std::string text = "ERROR IKE error 13801\n";
  while (text.size() < 20'000'000) text += "2026-11-20 08:14:02.113 IKEEXT: keying module processed packet seq 4 size 120\n";
  Session s(json{{"workspace", {{"semanticTokens", {{"refreshSupport", true}}}}}});
  auto open = [&](const std::string& uri) {
    s.c.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", "log"}, {"version", 1}, {"text", text}}}});
  };
  open(kUri);
  CHECK(s.full(kUri) == json{{"resultId", "1"}, {"data", {0, 0, 5, 2, 1, 0, 16, 5, 0, 1}}});
  // Answered when the scan published: its diagnostics came first.
  CHECK(std::any_of(s.c.seen.begin(), s.c.seen.end(), [](const json& m) {
    return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == kUri;
  }));
  // Waiting, then closed: an empty answer, each kind of request.
  const std::string other = "file:///w/other.log";
  open(other);
  const int full = s.c.request("textDocument/semanticTokens/full", {{"textDocument", {{"uri", other}}}});
  const int delta = s.c.request("textDocument/semanticTokens/full/delta", {{"textDocument", {{"uri", other}}}, {"previousResultId", "1"}});
  const int range = s.c.request("textDocument/semanticTokens/range", {{"textDocument", {{"uri", other}}}, {"range", lsp_range(0, 0, 1, 0)}});
  s.c.notify("textDocument/didClose", {{"textDocument", {{"uri", other}}}});
  for (int id : {full, delta, range}) CHECK(s.c.response(id)["result"] == json{{"data", json::array()}});
  // No refresh: the client got the codes with its answer (one would come before this answer).
  s.full(kUri);
  CHECK(std::none_of(s.c.seen.begin(), s.c.seen.end(), [](const json& m) { return m.value("method", "") == "workspace/semanticTokens/refresh"; }));
}

TEST_CASE("semantic tokens: at most 100000 tokens, the first in document order") {
  std::string text;
  for (int i = 0; i < 60000; ++i) text += "error 13801 ERROR\n";  // 120,000 tokens
  Session s;
  s.open(kUri, "log", text);
  const json got = s.full(kUri);
  REQUIRE(got["data"].size() == 500000);
  // Token 99,999 (0-based) is line 49,999's ERROR, at 12 on the line of the 13801 before it.
  CHECK(json(std::vector<json>(got["data"].end() - 10, got["data"].end())) == json{1, 6, 5, 0, 1, 0, 6, 5, 2, 1});
  // The cap is in document order, so a range further on still gets its tokens.
  CHECK(s.range(kUri, lsp_range(59999, 0, 60000, 0)) == json{{"data", {59999, 6, 5, 0, 1, 0, 6, 5, 2, 1}}});
}
