// session.cpp — see session.h: dispatch, the method table, lifecycle, settings, features.
#include "session.h"

#include <algorithm>
#include <filesystem>

#include "features/features.h"
#include "explanation.h"
#include "platform/platform.h"
#include "platform/uri.h"
#include "version.h"

namespace winerr {

namespace {
// The command line's settings as a layer: `--catalog FILE`, relative to where the server was
// started (not to a workspace folder).
Layer command_line_layer(const Settings& s) {
  Layer l;
  if (!s.catalog_path.empty()) {
    std::error_code ec;
    auto abs = std::filesystem::absolute(platform::path_from_utf8(s.catalog_path), ec);
    l.catalog_path = ec ? s.catalog_path : platform::path_to_utf8(abs);
  }
  return l;
}
}  // namespace

Session::Session(Settings settings, SessionIo io)
    : io_(std::move(io)),
      workspace_(command_line_layer(settings), [this](const std::string& m) { show_message(2, m); },
                 [this](const std::string& m) { io_.log(m); },
                 // No loader (a test's SessionIo): the workspace reads the catalog itself.
                 io_.load_catalog ? std::function<void(CatalogLoad)>([this](CatalogLoad j) { io_.load_catalog(std::move(j)); })
                                  : std::function<void(CatalogLoad)>()) {}

void Session::catalog_loaded(CatalogLoaded loaded) {
  workspace_.catalog_loaded(std::move(loaded));
  apply_workspace_changes();  // rescans the folder's documents, including those that waited
}

const std::map<std::string, Session::Handler>& Session::methods() {
  // The single registration table: handler names echo the method names.
  static const std::map<std::string, Handler> table = {
      {"initialize", &Session::initialize},
      {"initialized", &Session::initialized},
      {"shutdown", &Session::shutdown},
      {"textDocument/didOpen", &Session::textDocument_didOpen},
      {"textDocument/didChange", &Session::textDocument_didChange},
      {"textDocument/didClose", &Session::textDocument_didClose},
      {"textDocument/didSave", &Session::textDocument_didSave},
      {"textDocument/hover", &Session::textDocument_hover},
      {"textDocument/inlayHint", &Session::textDocument_inlayHint},
      {"textDocument/codeAction", &Session::textDocument_codeAction},
      {"workspace/executeCommand", &Session::workspace_executeCommand},
      {"textDocument/documentSymbol", &Session::textDocument_documentSymbol},
      {"textDocument/documentLink", &Session::textDocument_documentLink},
      {"textDocument/documentHighlight", &Session::textDocument_documentHighlight},
      {"textDocument/references", &Session::textDocument_references},
      {"textDocument/completion", &Session::textDocument_completion},
      {"workspace/symbol", &Session::workspace_symbol},
      {"textDocument/codeLens", &Session::textDocument_codeLens},
      {"textDocument/diagnostic", &Session::textDocument_diagnostic},
      {"workspace/diagnostic", &Session::workspace_diagnostic},
      {"textDocument/semanticTokens/full", &Session::textDocument_semanticTokens_full},
      {"textDocument/semanticTokens/full/delta", &Session::textDocument_semanticTokens_full_delta},
      {"textDocument/semanticTokens/range", &Session::textDocument_semanticTokens_range},
      {"workspace/didChangeConfiguration", &Session::workspace_didChangeConfiguration},
      {"workspace/didChangeWatchedFiles", &Session::workspace_didChangeWatchedFiles},
      {"workspace/didChangeWorkspaceFolders", &Session::workspace_didChangeWorkspaceFolders},
  };
  return table;
}

std::optional<int> Session::handle(rpc::Message& m) {
  using K = rpc::Message::Kind;
  if (m.kind == K::Invalid) {
    send(rpc::error_response(m.id, rpc::kInvalidRequest, m.problem));
    return std::nullopt;
  }
  if (m.kind == K::Response) {
    // An answer to one of our requests (workspace/configuration, registrations, refreshes).
    if (m.id.is_string())
      if (auto it = pending_.find(m.id.get<std::string>()); it != pending_.end()) {
        auto on_result = std::move(it->second);
        pending_.erase(it);
        if (on_result) on_result(m.params);
      }
    return std::nullopt;
  }
  if (m.kind == K::Notification && m.method == "exit") return shutdown_ ? 0 : 1;
  const bool is_request = m.kind == K::Request;
  if (!initialized_ && m.method != "initialize") {
    if (is_request) send(rpc::error_response(m.id, rpc::kServerNotInitialized, "the server is not initialized"));
    return std::nullopt;
  }
  if (shutdown_) {
    if (is_request) send(rpc::error_response(m.id, rpc::kInvalidRequest, "the server is shutting down"));
    return std::nullopt;
  }
  auto it = methods().find(m.method);
  if (it == methods().end()) {
    if (is_request) send(rpc::error_response(m.id, rpc::kMethodNotFound, "unknown method " + m.method));
    // unknown notifications, $/ or not, are ignored as the spec allows
    return std::nullopt;
  }
  dispatch(m, it->second);
  return std::nullopt;
}

// One place turns malformed params into -32602; every request gets exactly one answer.
void Session::dispatch(rpc::Message& m, Handler h) {
  const bool is_request = m.kind == rpc::Message::Kind::Request;
  try {
    // In place: `cond ? json::object() : m.params` would copy the params (a whole didOpen text).
    if (m.params.is_null()) m.params = json::object();
    current_id_ = m.id;
    json result = (this->*h)(m.params);
    if (is_request) send(rpc::response(m.id, std::move(result)));
  } catch (const Deferred&) {
    // Kept by the handler with its id; answered exactly once, later.
  } catch (const rpc::Error& e) {
    if (is_request) send(rpc::error_response(m.id, e.code, e.what()));
    else warn(m.method + ": " + e.what());
  } catch (const json::exception& e) {
    // Fields are read through rpc::*_field, which name themselves; this is the fallback.
    warn(m.method + ": invalid params: " + e.what());
    if (is_request) send(rpc::error_response(m.id, rpc::kInvalidParams, "invalid params for " + m.method + ": a field has the wrong type"));
  } catch (const std::exception& e) {
    if (is_request) send(rpc::error_response(m.id, rpc::kInternalError, e.what()));
    else warn(m.method + ": " + e.what());
  }
}

void Session::idle() {
  // After documents were closed, give their memory back to the OS once the burst of messages
  // is over (trimming per didClose would cost ms each on a big heap).
  if (closed_bytes_ > 0) {
    closed_bytes_ = 0;
    platform::release_free_memory();
  }
}

// ---------------------------------------------------------------- lifecycle
json Session::initialize(json& p) {
  if (initialized_) throw rpc::Error(rpc::kInvalidRequest, "initialize was already called");
  if (!p.is_object()) throw rpc::Error(rpc::kInvalidParams, "initialize params must be an object");
  enc_ = PositionEncoding::Utf16;
  if (auto c = p.find("capabilities"); c != p.end()) caps_ = ClientCaps::from_initialize(*c);
  const json* offered = nullptr;
  if (auto c = p.find("capabilities"); c != p.end() && c->is_object())
    if (auto g = c->find("general"); g != c->end() && g->is_object())
      if (auto e = g->find("positionEncodings"); e != g->end() && e->is_array()) offered = &*e;
  if (offered) {
    auto has = [&](const char* s) { return std::find(offered->begin(), offered->end(), s) != offered->end(); };
    if (has("utf-8")) enc_ = PositionEncoding::Utf8;
    else if (!has("utf-16") && has("utf-32")) enc_ = PositionEncoding::Utf32;
  }
  // The workspace folders (or the older rootUri / rootPath), then every settings source.
  std::vector<std::pair<std::string, std::string>> folders;
  auto add_folder = [&](const std::string& uri) {
    folders.emplace_back(uri, platform::uri_to_path(uri).value_or(""));
  };
  if (auto w = p.find("workspaceFolders"); w != p.end() && w->is_array() && !w->empty()) {
    for (const json& f : *w)
      if (f.is_object() && f.contains("uri") && f["uri"].is_string()) add_folder(f["uri"].get<std::string>());
  } else if (auto r = p.find("rootUri"); r != p.end() && r->is_string()) {
    add_folder(r->get<std::string>());
  } else if (auto rp = p.find("rootPath"); rp != p.end() && rp->is_string() && !rp->get<std::string>().empty()) {
    add_folder(platform::path_to_uri(rp->get<std::string>()));
  }
  const auto o = p.find("initializationOptions");
  workspace_.start(folders, o != p.end() ? *o : json());
  if (auto pid = p.find("processId"); pid != p.end() && pid->is_number_integer() && pid->get<long long>() > 0)
    io_.watch_process(pid->get<long long>());
  initialized_ = true;
  io_.log("initialized; position encoding " + std::string(to_string(enc_)));
  json result = {{"capabilities",
           {{"positionEncoding", std::string(to_string(enc_))},
            {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
            {"hoverProvider", true},
            {"workspace", {{"workspaceFolders", {{"supported", true}, {"changeNotifications", true}}}}},
            {"inlayHintProvider", true},
            {"codeActionProvider", {{"codeActionKinds", json::array({"refactor.rewrite", "quickfix"})}}},
            {"executeCommandProvider", {{"commands", json::array({kExplainCommand, kScanFileCommand})}}},
            {"documentSymbolProvider", true},
            {"documentLinkProvider", {{"resolveProvider", false}}},
            {"documentHighlightProvider", true},
            {"referencesProvider", true},
            // No trigger characters: a name is one word, '_' included, and clients ask for
            // completion as a word is typed, then filter the list themselves as it grows.
            {"completionProvider", {{"resolveProvider", false}}},
            {"workspaceSymbolProvider", true},
            {"codeLensProvider", {{"resolveProvider", false}}},
            // Range too: a client may colour the lines on screen of a big log first.
            {"semanticTokensProvider", {{"legend", semantic_tokens_legend()}, {"full", {{"delta", true}}}, {"range", true}}}}},
          {"serverInfo", {{"name", "winerr-ls"}, {"version", kVersion}}}};
  // Pull diagnostics only for a client that asks for them; it then gets no push at all.
  if (caps_.pull_diagnostics)
    result["capabilities"]["diagnosticProvider"] = {{"identifier", "winerr"}, {"interFileDependencies", false}, {"workspaceDiagnostics", true}};
  return result;
}

json Session::shutdown(json&) {
  shutdown_ = true;
  // Every request is answered once: pulls still waiting for a scan are cancelled, for good.
  for (auto& [uri, list] : waiting_)
    for (const Waiting& w : list)
      send({{"jsonrpc", "2.0"}, {"id", w.id},
            {"error", {{"code", rpc::kServerCancelled}, {"message", "the server is shutting down"}, {"data", {{"retriggerRequest", false}}}}}});
  waiting_.clear();
  return nullptr;
}

// ---------------------------------------------------------------- settings
json Session::initialized(json&) {
  // Watch the project files where the client can (else their stamps are checked on open,
  // save and change), and pull the editor's settings per folder.
  if (caps_.watch_files)
    request("client/registerCapability",
            {{"registrations",
              {{{"id", "winerr-watch"},
                {"method", "workspace/didChangeWatchedFiles"},
                {"registerOptions", {{"watchers", {{{"globPattern", "**/.winerr.json"}}}}}}}}}});
  if (caps_.configuration) pull_settings();
  return nullptr;
}

void Session::request(const std::string& method, json params, std::function<void(const json&)> on_result) {
  const std::string id = "winerr-" + std::to_string(++requests_sent_);
  pending_[id] = std::move(on_result);
  send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
}

void Session::pull_settings() {
  // One item per folder (the no-folder one asks without a scope); answers come in order.
  std::vector<std::string> uris;
  json items = json::array();
  for (auto& f : workspace_.folders()) {
    uris.push_back(f->uri);
    json item = {{"section", "winerr"}};
    if (!f->uri.empty()) item["scopeUri"] = f->uri;
    items.push_back(std::move(item));
  }
  request("workspace/configuration", {{"items", items}}, [this, uris](const json& result) {
    if (!result.is_array()) return;
    for (std::size_t i = 0; i < result.size() && i < uris.size(); ++i)
      for (auto& f : workspace_.folders())
        if (f->uri == uris[i]) workspace_.set_pulled(*f, result[i]);
    apply_workspace_changes();
  });
}

json Session::workspace_didChangeConfiguration(json& p) {
  // A client that can be asked is asked (the pushed value may be null or partial); else what
  // it pushes is the editor's settings.
  if (caps_.configuration) {
    pull_settings();
    return nullptr;
  }
  const json& s = rpc::field(p, "settings", "settings");
  if (s.is_object() && s.contains("winerr") && s["winerr"].is_object()) workspace_.set_pushed(s["winerr"]);
  else if (s.is_object()) workspace_.set_pushed(s);
  apply_workspace_changes();
  return nullptr;
}

json Session::workspace_didChangeWatchedFiles(json& p) {
  for (const json& c : rpc::array_field(p, "changes", "changes")) {
    if (!c.is_object() || !c.contains("uri") || !c["uri"].is_string()) continue;
    const std::string uri = c["uri"].get<std::string>();
    for (auto& f : workspace_.folders())
      if (!f->uri.empty() && uri == f->uri + "/.winerr.json") workspace_.refresh_files(*f, true);
  }
  apply_workspace_changes();
  return nullptr;
}

json Session::workspace_didChangeWorkspaceFolders(json& p) {
  const json& e = rpc::object_field(p, "event", "event");
  if (e.contains("removed") && e["removed"].is_array())
    for (const json& f : e["removed"])
      if (f.is_object() && f.contains("uri") && f["uri"].is_string()) workspace_.remove_folder(f["uri"].get<std::string>());
  if (e.contains("added") && e["added"].is_array())
    for (const json& f : e["added"])
      if (f.is_object() && f.contains("uri") && f["uri"].is_string()) {
        const std::string uri = f["uri"].get<std::string>();
        workspace_.add_folder(uri, platform::uri_to_path(uri).value_or(""));
      }
  if (caps_.configuration) pull_settings();
  // Documents may now belong to another folder: judge them all again.
  for (auto& [uri, doc] : docs_) start_full_scan(doc);
  workspace_.take_changes();
  return nullptr;
}

void Session::apply_workspace_changes() {
  bool any = false;
  for (const Workspace::Change& c : workspace_.take_changes()) {
    any = true;
    // Its catalog is being read: what we would publish now is about to change; the load's
    // own change (catalog_loaded) republishes, with these settings too.
    if (c.folder->catalog_loading) continue;
    for (auto& [uri, doc] : docs_) {
      if (&workspace_.folder_for(uri) != c.folder) continue;
      if (c.catalog) start_full_scan(doc);
      else if (doc.findings_ready()) publish(doc);
    }
  }
  // Hints and tokens depend on settings and catalog; a client that can be told to ask again, is.
  if (any && caps_.inlay_refresh) request("workspace/inlayHint/refresh", nullptr);
  if (any) refresh_code_lenses();
  if (any) refresh_semantic_tokens();
}

// A problem with what the client sent that cost no answer (a notification has none): stderr,
// and the client's log (window/logMessage), where a user looking for why something is off looks.
void Session::warn(const std::string& text) {
  io_.log(text);
  send(rpc::notification("window/logMessage", {{"type", 2}, {"message", "winerr-ls: " + text}}));
}

void Session::show_message(int type, const std::string& text) {
  io_.log(text);
  send(rpc::notification("window/showMessage", {{"type", type}, {"message", text}}));
}

}  // namespace winerr
