// End-to-end: one settings model, live — the sources and their precedence, .winerr.json
// reloaded with and without a client file watcher, workspace/configuration, a malformed file,
// team catalogs, exclude globs, suppression comments and severity by document kind.
// Diagnostics are compared as [line, character, severity, code] rows (their message text is
// tested in test_detection.cpp).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "../support/lsp_test_client.h"

using namespace lsp_test;
namespace fs = std::filesystem;

namespace {
std::string binary() {
  const char* p = std::getenv("WINERR_LS");
  return p ? p : "winerr-ls";
}
// A fresh folder per test: the workspace root.
fs::path fresh_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("winerr-settings-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}
void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}
std::string uri_of(const fs::path& p) { return "file://" + p.string(); }

json rows(const json& publish) {
  json out = json::array();
  for (const json& d : publish["diagnostics"])
    out.push_back({d["range"]["start"]["line"], d["range"]["start"]["character"], d["severity"], d.value("code", "")});
  return out;
}

struct Server {
  Process p;
  Client& c;
  explicit Server(const fs::path& root, json capabilities = json::object(), json init_options = nullptr,
                  std::vector<std::string> args = {}, std::vector<std::pair<std::string, std::string>> env = {})
      : p(argv(std::move(args)), env), c(*p.client) {
    json params = {{"processId", nullptr}, {"capabilities", capabilities}};
    params["workspaceFolders"] = json::array({{{"uri", uri_of(root)}, {"name", "w"}}});
    params["rootUri"] = uri_of(root);
    if (!init_options.is_null()) params["initializationOptions"] = init_options;
    c.response(c.request("initialize", params));
    c.notify("initialized", json::object());
  }
  static std::vector<std::string> argv(std::vector<std::string> args) {
    args.insert(args.begin(), binary());
    return args;
  }
  json open(const fs::path& file, const std::string& language, const std::string& text) {
    c.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri_of(file)}, {"languageId", language}, {"version", 1}, {"text", text}}}});
    return c.diagnostics(uri_of(file));
  }
  void save(const fs::path& file) { c.notify("textDocument/didSave", {{"textDocument", {{"uri", uri_of(file)}}}}); }
};

const std::string kLog = "IKE error 13801\nIKE error 13806\nIKE error 13868\n";
}  // namespace

TEST_CASE("settings: the sources in order — user file < initializationOptions < .winerr.json") {
  const fs::path root = fresh_dir("precedence"), home = fresh_dir("precedence-home");
  write(home / "winerr-ls" / "config.json", R"({"severity": {"*": "warning"}, "maxDiagnostics": 2})");
  write(root / ".winerr.json", R"({"ignore": ["0x35EE"]})");
  // The user file alone: every code a warning, at most 2 shown (+ the note of what is left).
  {
    Server s(root, json::object(), nullptr, {}, {{"XDG_CONFIG_HOME", home.string()}});
    write(root / ".winerr.json", "{}");
    s.save(root / ".winerr.json");
    const json got = rows(s.open(root / "a.log", "log", kLog));
    CHECK(got == json::array({{0, 10, 2, "ERROR_IPSEC_IKE_AUTH_FAIL"}, {1, 10, 2, "ERROR_IPSEC_IKE_NO_CERT"}, {0, 0, 3, ""}}));
  }
  // initializationOptions replace the user file's severity key (later wins per key), keep its
  // maxDiagnostics; .winerr.json's ignore hides 13806 in any spelling.
  write(root / ".winerr.json", R"({"ignore": ["0x35EE"]})");
  Server s(root, json::object(), {{"severity", {{"13801", "information"}}}}, {}, {{"XDG_CONFIG_HOME", home.string()}});
  const json got = rows(s.open(root / "a.log", "log", kLog));
  CHECK(got == json::array({{2, 10, 1, "ERROR_IPSEC_IKE_POLICY_MATCH"}, {0, 10, 3, "ERROR_IPSEC_IKE_AUTH_FAIL"}}));
}

TEST_CASE("settings: --catalog FILE is loaded, and an empty client catalogPath does not override it") {
  const fs::path root = fresh_dir("catalog-flag");
  write(root / "team.json",
        R"({"version": 1, "entries": [{"family": "win32", "value": 13999, "name": "ERROR_TEAM_VPN_GATEWAY", "message": "The team gateway refused the tunnel."}]})");
  Server s(root, json::object(), {{"catalogPath", ""}}, {"--catalog", (root / "team.json").string()});
  const json got = rows(s.open(root / "a.log", "log", "IKE error 13999\n"));
  CHECK(got == json::array({{0, 10, 1, "ERROR_TEAM_VPN_GATEWAY"}}));
}

TEST_CASE("settings: .winerr.json applies live without a client watcher (checked on save and change)") {
  const fs::path root = fresh_dir("live");
  Server s(root);
  CHECK(rows(s.open(root / "a.log", "log", kLog)).size() == 3);
  write(root / ".winerr.json", R"({"ignore": ["ERROR_IPSEC_IKE_AUTH_FAIL", "13868"]})");
  s.save(root / ".winerr.json");
  CHECK(rows(s.c.diagnostics(uri_of(root / "a.log"))) == json::array({{1, 10, 1, "ERROR_IPSEC_IKE_NO_CERT"}}));
  // Deleted: its settings no longer apply (seen on the next change of a document).
  fs::remove(root / ".winerr.json");
  s.c.notify("textDocument/didChange", {{"textDocument", {{"uri", uri_of(root / "a.log")}, {"version", 2}}},
                                        {"contentChanges", {{{"text", kLog}}}}});
  json last;
  for (int i = 0; i < 3 && (last.is_null() || rows(last).size() != 3); ++i) last = s.c.diagnostics(uri_of(root / "a.log"));
  CHECK(rows(last).size() == 3);
}

TEST_CASE("settings: with a client watcher, the server registers for .winerr.json and reloads on its event") {
  const fs::path root = fresh_dir("watch");
  Server s(root, {{"workspace", {{"didChangeWatchedFiles", {{"dynamicRegistration", true}}}}}});
  const json reg = s.c.wait_for([](const json& m) { return m.value("method", "") == "client/registerCapability"; });
  CHECK(reg["params"] == json{{"registrations",
                               {{{"id", "winerr-watch"},
                                 {"method", "workspace/didChangeWatchedFiles"},
                                 {"registerOptions", {{"watchers", {{{"globPattern", "**/.winerr.json"}}}}}}}}}});
  s.c.send({{"jsonrpc", "2.0"}, {"id", reg["id"]}, {"result", nullptr}});
  CHECK(rows(s.open(root / "a.log", "log", kLog)).size() == 3);
  write(root / ".winerr.json", R"({"severity": {"log": {"*": "hint"}}})");
  s.c.notify("workspace/didChangeWatchedFiles", {{"changes", {{{"uri", uri_of(root / ".winerr.json")}, {"type", 1}}}}});
  CHECK(rows(s.c.diagnostics(uri_of(root / "a.log"))) ==
        json::array({{0, 10, 4, "ERROR_IPSEC_IKE_AUTH_FAIL"}, {1, 10, 4, "ERROR_IPSEC_IKE_NO_CERT"}, {2, 10, 4, "ERROR_IPSEC_IKE_POLICY_MATCH"}}));
}

TEST_CASE("settings: a malformed .winerr.json is reported with file, line and key — the last good settings stay") {
  const fs::path root = fresh_dir("malformed");
  write(root / ".winerr.json", R"({"ignore": ["13801"]})");
  Server s(root);
  CHECK(rows(s.open(root / "a.log", "log", kLog)).size() == 2);
  write(root / ".winerr.json", "{\n  \"ignore\": [\"13801\",]\n}\n");
  s.save(root / ".winerr.json");
  json m = s.c.wait_for([](const json& x) { return x.value("method", "") == "window/showMessage"; });
  CHECK(m["params"]["message"] == "winerr-ls: " + (root / ".winerr.json").string() +
                                      ":2:22: not valid JSON: unexpected ']'; expected '[', '{', or a literal; the last good "
                                      "settings stay in force");
  s.c.seen.clear();
  write(root / ".winerr.json", R"({"ignore": ["13801"], "severity": {"13806": "loud"}, "colour": true})");
  s.save(root / ".winerr.json");
  m = s.c.wait_for([](const json& x) { return x.value("method", "") == "window/showMessage"; });
  CHECK(m["params"]["message"] == "winerr-ls: " + (root / ".winerr.json").string() +
                                      ": unknown setting 'colour' (known: ignore, severity, exclude, forms, decimals, "
                                      "maxDiagnostics, showPossible, inlayHints, catalogPath); the last good settings stay in force");
  m = s.c.wait_for([](const json& x) { return x.value("method", "") == "window/showMessage"; });
  CHECK(m["params"]["message"] == "winerr-ls: " + (root / ".winerr.json").string() +
                                      ": 'severity.13806 must be one of error, warning, information, hint, off; the last good "
                                      "settings stay in force");
  // Still ignoring 13801 (the last good file).
  s.c.notify("textDocument/didChange", {{"textDocument", {{"uri", uri_of(root / "a.log")}, {"version", 2}}},
                                        {"contentChanges", {{{"text", kLog + "IKE error 13825\n"}}}}});
  // The publish for version 2 (each settings attempt above republished version 1).
  json got = s.c.wait_for([&](const json& x) {
    return x.value("method", "") == "textDocument/publishDiagnostics" && x["params"]["uri"] == uri_of(root / "a.log") &&
           x["params"].value("version", 0) == 2;
  })["params"];
  CHECK(rows(got) == json::array({{1, 10, 1, "ERROR_IPSEC_IKE_NO_CERT"}, {2, 10, 1, "ERROR_IPSEC_IKE_POLICY_MATCH"},
                                  {3, 10, 1, "ERROR_IPSEC_IKE_NO_POLICY"}}));
}

TEST_CASE("settings: workspace/configuration is pulled per folder after initialized and on didChangeConfiguration") {
  const fs::path root = fresh_dir("pull");
  Server s(root, {{"workspace", {{"configuration", true}}}});
  auto answer = [&](json folder_settings) {
    const json req = s.c.wait_for([](const json& m) { return m.value("method", "") == "workspace/configuration"; });
    // The no-folder item first, then the folder, each in the "winerr" section.
    CHECK(req["params"] == json{{"items", {{{"section", "winerr"}}, {{"section", "winerr"}, {"scopeUri", uri_of(root)}}}}});
    s.c.send({{"jsonrpc", "2.0"}, {"id", req["id"]}, {"result", {nullptr, folder_settings}}});
  };
  answer({{"ignore", {"13806"}}});
  CHECK(rows(s.open(root / "a.log", "log", kLog)) ==
        json::array({{0, 10, 1, "ERROR_IPSEC_IKE_AUTH_FAIL"}, {2, 10, 1, "ERROR_IPSEC_IKE_POLICY_MATCH"}}));
  s.c.seen.clear();
  s.c.notify("workspace/didChangeConfiguration", {{"settings", nullptr}});
  answer({{"forms", {"name"}}});
  CHECK(rows(s.c.diagnostics(uri_of(root / "a.log"))) == json::array());
}

TEST_CASE("settings: a relative catalogPath is the folder's — an edited team catalog reloads, a malformed edit keeps the last good") {
  const fs::path root = fresh_dir("team");
  auto team = [](const std::string& message) {
    return R"({"version": 1, "entries": [{"family": "win32", "value": 13999, "name": "ERROR_TEAM_VPN_GATEWAY", "message": ")" +
           message + R"("}]})";
  };
  write(root / "catalog" / "team.json", team("The team gateway refused the tunnel."));
  write(root / ".winerr.json", R"({"catalogPath": "catalog/team.json"})");
  Server s(root);
  json got = s.open(root / "a.log", "log", "IKE error 13999\n");
  REQUIRE(got["diagnostics"].size() == 1);
  CHECK(got["diagnostics"][0]["message"].get<std::string>().find("The team gateway refused the tunnel.") != std::string::npos);
  write(root / "catalog" / "team.json", team("The team gateway refused the tunnel (see runbook 7)."));
  s.save(root / "a.log");
  got = s.c.diagnostics(uri_of(root / "a.log"));
  REQUIRE(got["diagnostics"].size() == 1);
  CHECK(got["diagnostics"][0]["message"].get<std::string>().find("(see runbook 7)") != std::string::npos);
  write(root / "catalog" / "team.json", "{\"version\": 1,\n \"entries\": [ }\n");
  s.save(root / "a.log");
  const json m = s.c.wait_for([](const json& x) { return x.value("method", "") == "window/showMessage"; });
  const std::string text = m["params"]["message"];
  INFO(text);
  CHECK(text.find((root / "catalog" / "team.json").string() + ":2:") != std::string::npos);
  CHECK(text.find("the last good version stays in use") != std::string::npos);
  s.c.notify("textDocument/didChange", {{"textDocument", {{"uri", uri_of(root / "a.log")}, {"version", 2}}},
                                        {"contentChanges", {{{"text", "IKE error 13999 again\n"}}}}});
  got = s.c.diagnostics(uri_of(root / "a.log"));
  CHECK(rows(got) == json::array({{0, 10, 1, "ERROR_TEAM_VPN_GATEWAY"}}));
}

TEST_CASE("settings: exclude globs, forms and decimals") {
  const fs::path root = fresh_dir("exclude");
  write(root / ".winerr.json", R"({"exclude": ["archive/**", "*.old"], "decimals": "off"})");
  Server s(root);
  CHECK(rows(s.open(root / "archive" / "2019" / "a.log", "log", kLog)) == json::array());
  CHECK(rows(s.open(root / "b.log.old", "log", kLog)) == json::array());
  CHECK(rows(s.open(root / "c.log", "log", kLog + "status 0x35E9\n")) == json::array({{3, 7, 1, "ERROR_IPSEC_IKE_AUTH_FAIL"}}));
}

TEST_CASE("settings: decimals \"any\" shows every in-range decimal as a hint, live, and hover explains it") {
  const fs::path root = fresh_dir("decimals-any");
  Server s(root);
  // No word says 13806 is a code: by default it is no finding and has no hover.
  const std::string text = "IKE rekey 13806 done\n";
  CHECK(rows(s.open(root / "a.log", "log", text)) == json::array());
  const json where = {{"textDocument", {{"uri", uri_of(root / "a.log")}}}, {"position", {{"line", 0}, {"character", 11}}}};
  CHECK(s.c.response(s.c.request("textDocument/hover", where))["result"].is_null());
  write(root / ".winerr.json", R"({"decimals": "any"})");
  s.save(root / ".winerr.json");
  const json got = s.c.diagnostics(uri_of(root / "a.log"));
  CHECK(rows(got) == json::array({{0, 10, 4, "ERROR_IPSEC_IKE_NO_CERT"}}));
  CHECK(got["diagnostics"][0]["data"]["why"] == "possible: nothing around it says it is a code (shown as decimals is \"any\")");
  const json h = s.c.response(s.c.request("textDocument/hover", where))["result"];
  REQUIRE(h.is_object());
  CHECK(h["range"] == json{{"start", {{"line", 0}, {"character", 10}}}, {"end", {{"line", 0}, {"character", 15}}}});
  // Back to the default: gone again, without a restart.
  write(root / ".winerr.json", R"({"decimals": "context"})");
  s.save(root / ".winerr.json");
  CHECK(rows(s.c.diagnostics(uri_of(root / "a.log"))) == json::array());
}

TEST_CASE("settings: suppression comments, in the language's comment syntax, optionally with codes") {
  const fs::path root = fresh_dir("suppress");
  Server s(root);
  const std::string ps1 =
      "# IKEv2 VPN checks\n"
      "if ($LASTEXITCODE -eq 13801) { 'auth' }  # winerr-ignore\n"
      "# winerr-ignore-next-line 13806\n"
      "if ($LASTEXITCODE -eq 13806) { 'cert' }\n"
      "# winerr-ignore-next-line 13806\n"
      "if ($LASTEXITCODE -eq 13868) { 'policy' }\n";
  // Line 5 is not covered (its comment names 13806 only); a script handles the code: Information.
  CHECK(rows(s.open(root / "a.ps1", "powershell", ps1)) == json::array({{5, 22, 3, "ERROR_IPSEC_IKE_POLICY_MATCH"}}));
  const std::string c = "// VPN client\nif (rc == 13801) return;  // winerr-ignore: retried by the caller\n";
  CHECK(rows(s.open(root / "b.c", "c", c)) == json::array());
}

TEST_CASE("settings: severity by where the code stands — a log fails, a script handles, markdown explains") {
  const fs::path root = fresh_dir("kinds");
  write(root / ".winerr.json", R"({"severity": {"script": {"13868": "warning"}}})");
  Server s(root);
  CHECK(rows(s.open(root / "a.log", "log", kLog)) ==
        json::array({{0, 10, 1, "ERROR_IPSEC_IKE_AUTH_FAIL"}, {1, 10, 1, "ERROR_IPSEC_IKE_NO_CERT"}, {2, 10, 1, "ERROR_IPSEC_IKE_POLICY_MATCH"}}));
  CHECK(rows(s.open(root / "a.ps1", "powershell", kLog)) ==
        json::array({{2, 10, 2, "ERROR_IPSEC_IKE_POLICY_MATCH"}, {0, 10, 3, "ERROR_IPSEC_IKE_AUTH_FAIL"}, {1, 10, 3, "ERROR_IPSEC_IKE_NO_CERT"}}));
  CHECK(rows(s.open(root / "a.md", "markdown", kLog)) ==
        json::array({{0, 10, 3, "ERROR_IPSEC_IKE_AUTH_FAIL"}, {1, 10, 3, "ERROR_IPSEC_IKE_NO_CERT"}, {2, 10, 3, "ERROR_IPSEC_IKE_POLICY_MATCH"}}));
}

TEST_CASE("settings: a reopened document never shows the previous text's findings") {
  const fs::path root = fresh_dir("reopen");
  Server s(root);
  CHECK(rows(s.open(root / "a.log", "log", "IKE error 13801\n")).size() == 1);
  s.c.notify("textDocument/didClose", {{"textDocument", {{"uri", uri_of(root / "a.log")}}}});
  CHECK(rows(s.c.diagnostics(uri_of(root / "a.log"))) == json::array());
  // The same version number, other text.
  CHECK(rows(s.open(root / "a.log", "log", "IKE error 13806\n")) == json::array({{0, 10, 1, "ERROR_IPSEC_IKE_NO_CERT"}}));
}

TEST_CASE("settings: 'Ignore 13801 in this workspace' edits .winerr.json, created where the client can create files") {
  const json caps = {{"workspace", {{"workspaceEdit", {{"documentChanges", true}, {"resourceOperations", {"create", "rename"}}}}}}};
  auto ask = [](Server& s, const fs::path& file) {
    const json r = {{"start", {{"line", 0}, {"character", 10}}}, {"end", {{"line", 0}, {"character", 15}}}};
    return s.c.response(s.c.request("textDocument/codeAction", {{"textDocument", {{"uri", uri_of(file)}}}, {"range", r}, {"context", {{"diagnostics", json::array()}}}}))["result"];
  };
  auto workspace_action = [](const json& actions) {
    for (const json& a : actions)
      if (a["title"].get<std::string>().find("in this workspace") != std::string::npos) return a;
    return json();
  };
  const json at0 = {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}};
  {  // no .winerr.json: create it with the code
    const fs::path root = fresh_dir("ignore-create");
    Server s(root, caps);
    s.open(root / "a.log", "log", kLog);
    const std::string file_uri = uri_of(root / ".winerr.json");
    CHECK(workspace_action(ask(s, root / "a.log")) ==
          json{{"title", "Ignore 13801 in this workspace (create .winerr.json)"}, {"kind", "quickfix"},
               {"edit", {{"documentChanges", {{{"kind", "create"}, {"uri", file_uri}, {"options", {{"ignoreIfExists", true}}}},
                                              {{"textDocument", {{"uri", file_uri}, {"version", nullptr}}},
                                               {"edits", {{{"range", at0}, {"newText", "{\n  \"ignore\": [\"13801\"]\n}\n"}}}}}}}}}});
    // The editor applies it (here: the test writes the file) and saves: the 13801 diagnostic goes.
    write(root / ".winerr.json", "{\n  \"ignore\": [\"13801\"]\n}\n");
    s.save(root / ".winerr.json");
    CHECK(rows(s.c.diagnostics(uri_of(root / "a.log"))) == json::array({{1, 10, 1, "ERROR_IPSEC_IKE_NO_CERT"}, {2, 10, 1, "ERROR_IPSEC_IKE_POLICY_MATCH"}}));
    // Now ignored: no such action any more.
    CHECK(workspace_action(ask(s, root / "a.log")).is_null());
  }
  {  // an "ignore" array: the least change, before its ']'
    const fs::path root = fresh_dir("ignore-extend");
    write(root / ".winerr.json", "{\n  \"decimals\": \"context\",\n  \"ignore\": [\"13806\"]\n}\n");
    Server s(root, caps);
    s.open(root / "a.log", "log", kLog);
    const json a = workspace_action(ask(s, root / "a.log"));
    CHECK(a["edit"]["documentChanges"][0]["edits"] ==
          json::array({{{"range", {{"start", {{"line", 2}, {"character", 20}}}, {"end", {{"line", 2}, {"character", 20}}}}}, {"newText", ", \"13801\""}}}));
  }
  {  // an object without "ignore": the key after its '{'; a client that cannot create files still gets this one
    const fs::path root = fresh_dir("ignore-add-key");
    write(root / ".winerr.json", "{\"maxDiagnostics\": 50}");
    Server s(root);
    s.open(root / "a.log", "log", kLog);
    const json a = workspace_action(ask(s, root / "a.log"));
    CHECK(a["edit"] == json{{"changes", {{uri_of(root / ".winerr.json"),
                                          {{{"range", {{"start", {{"line", 0}, {"character", 1}}}, {"end", {{"line", 0}, {"character", 1}}}}},
                                            {"newText", "\"ignore\": [\"13801\"], "}}}}}}});
  }
  {  // no file and no way to create one: not offered
    const fs::path root = fresh_dir("ignore-no-create");
    Server s(root);
    s.open(root / "a.log", "log", kLog);
    CHECK(workspace_action(ask(s, root / "a.log")).is_null());
  }
}
