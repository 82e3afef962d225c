// End-to-end: completion of catalog names, over real stdio framing,
// request -> exact expected JSON. The matching rules themselves are unit-tested in
// tests/unit/core/test_completion_symbols.cpp.
#include <catch2/catch.hpp>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "../support/lsp_test_client.h"

using namespace lsp_test;
namespace fs = std::filesystem;

namespace {
struct Session {
  Process p;
  Client& c;
  // `folders`: workspace folders (local directories); `capabilities` and `init_options` as sent.
  explicit Session(json capabilities = json::object(), json init_options = nullptr, std::vector<fs::path> folders = {})
      : p({server_binary()}), c(*p.client) {
    json params = {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", std::move(capabilities)}};
    if (!init_options.is_null()) params["initializationOptions"] = std::move(init_options);
    if (!folders.empty()) {
      params["workspaceFolders"] = json::array();
      for (const fs::path& f : folders) params["workspaceFolders"].push_back({{"uri", "file://" + f.string()}, {"name", f.filename().string()}});
    }
    c.response(c.request("initialize", params));
    c.notify("initialized", json::object());
  }
  // Opens the document and waits for its diagnostics: its findings are ready then.
  void open(const std::string& uri, const std::string& language, const std::string& text) {
    c.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", language}, {"version", 1}, {"text", text}}}});
    c.diagnostics(uri);
  }
  json ask(const std::string& method, json params) { return c.response(c.request(method, std::move(params)))["result"]; }
  json complete(const std::string& uri, int line, int character) {
    return ask("textDocument/completion", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", line}, {"character", character}}}});
  }
};

json item(const std::string& name, const std::string& detail, const json& documentation, const std::string& sort, const json& range) {
  return {{"label", name},
          {"kind", 21},
          {"detail", detail},
          {"documentation", documentation},
          {"sortText", sort},
          {"filterText", name},
          {"textEdit", {{"range", range}, {"newText", name}}}};
}
json plain(const std::string& text) { return {{"kind", "plaintext"}, {"value", text}}; }

fs::path fresh_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("winerr-complete-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}
void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// An emoji before the word: 4 UTF-8 bytes, 2 UTF-16 units, so the two encodings' ranges differ.
// The word ERROR_IPSEC_IKE_POLICY spans UTF-16 characters 22-44 (UTF-8 bytes 24-46).
const std::string kScript = "# VPN checks\n$m = \"\xF0\x9F\x98\x80\"; if ($r -eq ERROR_IPSEC_IKE_POLICY) { exit 1 }\n";
const std::string kScriptUri = "file:///w/check.ps1";

// What "ERROR_IPSEC_IKE_POLICY" offers: the two names that start with it, then the four whose
// parts hold ERROR, IPSEC, IKE and POLICY, each group by code.
json policy_items(const json& range) {
  return json::array({
      item("ERROR_IPSEC_IKE_POLICY_CHANGE", "13849 (0x3619)", plain("New policy invalidated SAs formed with old policy"), "0000", range),
      item("ERROR_IPSEC_IKE_POLICY_MATCH", "13868 (0x362C)", plain("Policy match error"), "0001", range),
      item("ERROR_IPSEC_IKE_NO_POLICY", "13825 (0x3601)", plain("No policy configured"), "0002", range),
      item("ERROR_IPSEC_IKE_NO_MM_POLICY", "13850 (0x361A)", plain("There is no available Main Mode IKE policy."), "0003", range),
      item("ERROR_IPSEC_IKE_INVALID_POLICY", "13861 (0x3625)", plain("Invalid policy"), "0004", range),
      item("ERROR_IPSEC_IKE_CERT_CHAIN_POLICY_MISMATCH", "13887 (0x363F)",
           plain("Certificate doesn't chain to a trusted root in IPsec policy."), "0005", range),
  });
}

}  // namespace

TEST_CASE("completion: initialize offers exactly these capabilities") {
  Process p{{server_binary()}};
  const json caps = p.client->response(p.client->request("initialize", initialize_params()))["result"]["capabilities"];
  CHECK(caps == json{{"positionEncoding", "utf-16"},
                     {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
                     {"hoverProvider", true},
                     {"workspace", {{"workspaceFolders", {{"supported", true}, {"changeNotifications", true}}}}},
                     {"inlayHintProvider", true},
                     {"codeActionProvider", {{"codeActionKinds", {"refactor.rewrite", "quickfix"}}}},
                     {"executeCommandProvider", {{"commands", {"winerr.explain"}}}},
                     {"documentSymbolProvider", true},
                     {"documentLinkProvider", {{"resolveProvider", false}}},
                     {"documentHighlightProvider", true},
                     {"referencesProvider", true},
                     {"completionProvider", {{"resolveProvider", false}}}});
}

TEST_CASE("completion: catalog names for the typed word in a script, replacing it, UTF-16 positions") {
  Session s;
  s.open(kScriptUri, "powershell", kScript);
  CHECK(s.complete(kScriptUri, 1, 44) == json{{"isIncomplete", false}, {"items", policy_items(lsp_range(1, 22, 1, 44))}});
}

TEST_CASE("completion: the same list with UTF-8 positions, and in lower case") {
  Session s(json{{"general", {{"positionEncodings", {"utf-8", "utf-16"}}}}});
  std::string lower = kScript;
  const std::size_t at = lower.find("ERROR_IPSEC_IKE_POLICY");
  for (std::size_t i = at; i < at + 22; ++i) lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[i])));
  s.open(kScriptUri, "powershell", lower);
  // The items replace the typed "error_ipsec_ike_policy" with the name as the catalog spells it.
  CHECK(s.complete(kScriptUri, 1, 46) == json{{"isIncomplete", false}, {"items", policy_items(lsp_range(1, 24, 1, 46))}});
}

TEST_CASE("completion: Markdown documentation for a client that takes it, in a markdown document, and NTSTATUS in hex") {
  Session s(json{{"textDocument", {{"completion", {{"completionItem", {{"documentationFormat", {"markdown", "plaintext"}}}}}}}}});
  const std::string uri = "file:///w/runbook.md";
  s.open(uri, "markdown", "When IKE logs ERROR_IPSEC_IKE_NEG_STATUS_B\nor STATUS_IPSEC_BAD_S\n");
  // A range marker's official text is its own name: the item says what it is, escaped for Markdown.
  CHECK(s.complete(uri, 0, 42) ==
        json{{"isIncomplete", false},
             {"items", {item("ERROR_IPSEC_IKE_NEG_STATUS_BEGIN", "13800 (0x35E8)",
                             {{"kind", "markdown"},
                              {"value", "ERROR\\_IPSEC\\_IKE\\_NEG\\_STATUS\\_BEGIN — a range marker, not a failure: it bounds a block of IKE codes in winerror.h."}},
                             "0000", lsp_range(0, 14, 0, 42))}}});
  CHECK(s.complete(uri, 1, 20) ==
        json{{"isIncomplete", false},
             {"items", {item("STATUS_IPSEC_BAD_SPI", "0xC0360001",
                             {{"kind", "markdown"}, {"value", "The SPI in the packet does not match a valid IPsec SA."}}, "0000",
                             lsp_range(1, 3, 1, 20))}}});
}

TEST_CASE("completion: none in a log or plain text, none for a short word or one that starts no name") {
  Session s;
  s.open("file:///w/a.log", "log", "IKE error ERROR_IPSEC_IKE_POLICY\n");
  s.open("file:///w/a.txt", "plaintext", "ERROR_IPSEC_IKE_POLICY\n");
  CHECK(s.complete("file:///w/a.log", 0, 32).is_null());
  CHECK(s.complete("file:///w/a.txt", 0, 22).is_null());
  s.open(kScriptUri, "powershell", "$a = ER\n$b = IKE_POLICY\n$c = \n");
  // Too short yet: an empty list the client is to ask for again as the user types on.
  CHECK(s.complete(kScriptUri, 0, 7) == json{{"isIncomplete", true}, {"items", json::array()}});
  CHECK(s.complete(kScriptUri, 2, 5) == json{{"isIncomplete", true}, {"items", json::array()}});
  // Parts of names, but not a name's start: typing on will not change that.
  CHECK(s.complete(kScriptUri, 1, 15) == json{{"isIncomplete", false}, {"items", json::array()}});
  // A document that was never opened is an invalid request.
  const json r = s.c.response(s.c.request("textDocument/completion", {{"textDocument", {{"uri", "file:///w/none.ps1"}}}, {"position", {{"line", 0}, {"character", 0}}}}));
  CHECK(r["error"]["code"] == -32602);
}

TEST_CASE("completion: the folder's team catalog names, capped at 200 with the list marked incomplete") {
  const fs::path team_dir = fresh_dir("team"), plain_dir = fresh_dir("plain");
  // 60 names above every embedded Win32 code: "ERROR" now starts 151 + 60 names.
  json entries = json::array();
  for (int v = 14000; v < 14060; ++v)
    entries.push_back({{"value", v}, {"name", "ERROR_TEAM_C" + std::to_string(v)}, {"message", "Team code " + std::to_string(v) + "."}});
  write(team_dir / "team.json", json{{"version", 1}, {"entries", entries}}.dump());
  write(team_dir / ".winerr.json", R"({"catalogPath": "team.json"})");
  Session s(json::object(), nullptr, {team_dir, plain_dir});
  const std::string team_uri = "file://" + (team_dir / "a.ps1").string(), plain_uri = "file://" + (plain_dir / "a.ps1").string();
  s.open(team_uri, "powershell", "ERROR_TEAM_C1400\nERROR\n");
  s.open(plain_uri, "powershell", "ERROR_TEAM_C1400\nERROR\n");
  const json ten = s.complete(team_uri, 0, 16);
  CHECK(ten["isIncomplete"] == false);
  REQUIRE(ten["items"].size() == 10);
  CHECK(ten["items"][0] == item("ERROR_TEAM_C14000", "14000 (0x36B0)", plain("Team code 14000."), "0000", lsp_range(0, 0, 0, 16)));
  CHECK(ten["items"][9]["label"] == "ERROR_TEAM_C14009");
  // The other folder has the embedded catalog only.
  CHECK(s.complete(plain_uri, 0, 16) == json{{"isIncomplete", false}, {"items", json::array()}});
  // 211 names start with ERROR here: the first 200 by code (151 embedded, then the team's
  // 14000-14048), and the client is told to ask again as the word grows.
  const json capped = s.complete(team_uri, 1, 5);
  CHECK(capped["isIncomplete"] == true);
  REQUIRE(capped["items"].size() == 200);
  CHECK(capped["items"][0]["label"] == "ERROR_IPSEC_QM_POLICY_EXISTS");
  CHECK(capped["items"][150]["label"] == "ERROR_IPSEC_DOSP_MAX_PER_IP_RATELIMIT_QUEUES");
  CHECK(capped["items"][151]["label"] == "ERROR_TEAM_C14000");
  CHECK(capped["items"][199] == item("ERROR_TEAM_C14048", "14048 (0x36E0)", plain("Team code 14048."), "0199", lsp_range(1, 0, 1, 5)));
  const json whole = s.complete(plain_uri, 1, 5);
  CHECK(whole["isIncomplete"] == false);
  CHECK(whole["items"].size() == 151);
}
