// session.cpp — see session.h: dispatch, the method table, lifecycle, settings, features.
#include "session.h"

#include <algorithm>

#include "features/features.h"
#include "platform/platform.h"
#include "usercatalog/user_catalog.h"
#include "version.h"

namespace winerr {

Session::Session(Settings settings, SessionIo io) : io_(std::move(io)), settings_(std::move(settings)) {
  catalog_ = std::make_shared<const Catalog>(Catalog::embedded());
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
      {"workspace/didChangeConfiguration", &Session::workspace_didChangeConfiguration},
  };
  return table;
}

std::optional<int> Session::handle(rpc::Message& m) {
  using K = rpc::Message::Kind;
  if (m.kind == K::Invalid) {
    send(rpc::error_response(m.id, rpc::kInvalidRequest, m.problem));
    return std::nullopt;
  }
  if (m.kind == K::Response) return std::nullopt;  // we send no requests that need an answer
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
    json result = (this->*h)(m.params.is_null() ? json::object() : m.params);
    if (is_request) send(rpc::response(m.id, std::move(result)));
  } catch (const rpc::Error& e) {
    if (is_request) send(rpc::error_response(m.id, e.code, e.what()));
    else io_.log(m.method + ": " + e.what());
  } catch (const json::exception& e) {
    // Fields are read through rpc::*_field, which name themselves; this is the fallback.
    io_.log(m.method + ": invalid params: " + e.what());
    if (is_request) send(rpc::error_response(m.id, rpc::kInvalidParams, "invalid params for " + m.method + ": a field has the wrong type"));
  } catch (const std::exception& e) {
    if (is_request) send(rpc::error_response(m.id, rpc::kInternalError, e.what()));
    else io_.log(m.method + ": " + e.what());
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
json Session::initialize(const json& p) {
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
  if (auto o = p.find("initializationOptions"); o != p.end() && o->is_object()) apply_settings(*o);
  // --catalog FILE from the command line, when the client did not name one.
  if (settings_.catalog_path != loaded_catalog_path_) load_user_catalog();
  if (auto pid = p.find("processId"); pid != p.end() && pid->is_number_integer() && pid->get<long long>() > 0)
    io_.watch_process(pid->get<long long>());
  initialized_ = true;
  io_.log("initialized; position encoding " + std::string(to_string(enc_)));
  return {{"capabilities",
           {{"positionEncoding", std::string(to_string(enc_))},
            {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
            {"hoverProvider", true},
            {"inlayHintProvider", true},
            {"codeActionProvider", {{"codeActionKinds", json::array({"refactor.rewrite"})}}}}},
          {"serverInfo", {{"name", "winerr-ls"}, {"version", kVersion}}}};
}

json Session::shutdown(const json&) {
  shutdown_ = true;
  return nullptr;
}

// ---------------------------------------------------------------- settings
void Session::apply_settings(const json& s) {
  Settings next = settings_;
  // Each key checked by name, so the message says which setting and what it wants.
  std::string problem;
  auto want = [&](const char* key, bool ok, const char* what) {
    if (!ok && problem.empty()) problem = std::string("'") + key + "' must be " + what;
    return ok;
  };
  if (auto v = s.find("maxDiagnostics"); v != s.end() && want("maxDiagnostics", v->is_number_unsigned(), "a non-negative integer"))
    next.max_diagnostics = v->get<std::size_t>();
  if (auto v = s.find("showPossible"); v != s.end() && want("showPossible", v->is_boolean(), "true or false"))
    next.show_possible = v->get<bool>();
  if (auto v = s.find("inlayHints"); v != s.end() && want("inlayHints", v->is_boolean(), "true or false"))
    next.inlay_hints = v->get<bool>();
  // An empty or null catalogPath means "not set": the shipped editor configs send "", which
  // must not override `--catalog FILE`.
  if (auto v = s.find("catalogPath"); v != s.end() && !v->is_null() &&
                                      want("catalogPath", v->is_string(), "a string (a file path)") &&
                                      !v->get<std::string>().empty())
    next.catalog_path = v->get<std::string>();
  if (!problem.empty()) {
    show_message(2, "winerr-ls: setting " + problem + "; settings unchanged");
    return;
  }
  const bool catalog_changed = next.catalog_path != loaded_catalog_path_;
  settings_ = next;
  if (catalog_changed) load_user_catalog();
}

void Session::load_user_catalog() {
  loaded_catalog_path_ = settings_.catalog_path;
  if (settings_.catalog_path.empty()) {
    catalog_ = std::make_shared<const Catalog>(Catalog::embedded());
  } else {
    auto r = load_user_catalog_file(settings_.catalog_path, Catalog::embedded());
    if (!r.catalog) {
      // The embedded catalog keeps working; the user is told exactly what is wrong.
      show_message(1, "winerr-ls: user catalog not loaded: " + r.error);
      catalog_ = std::make_shared<const Catalog>(Catalog::embedded());
    } else {
      catalog_ = std::move(r.catalog);
      io_.log("user catalog loaded: " + settings_.catalog_path);
    }
  }
  for (auto& [uri, doc] : docs_) start_full_scan(doc);
}

json Session::workspace_didChangeConfiguration(const json& p) {
  const json& s = rpc::field(p, "settings", "settings");
  if (s.is_object() && s.contains("winerr") && s["winerr"].is_object()) apply_settings(s["winerr"]);
  else if (s.is_object()) apply_settings(s);
  for (auto& [uri, doc] : docs_)
    if (doc.findings_ready()) publish(doc);
  // Hints depend on settings and catalog; a client that can be told to ask again, is.
  if (caps_.inlay_refresh)
    send({{"jsonrpc", "2.0"}, {"id", "winerr-refresh-" + std::to_string(++requests_sent_)}, {"method", "workspace/inlayHint/refresh"}});
  return nullptr;
}

void Session::show_message(int type, const std::string& text) {
  io_.log(text);
  send(rpc::notification("window/showMessage", {{"type", type}, {"message", text}}));
}

// ---------------------------------------------------------------- features
json Session::textDocument_hover(const json& p) {
  return hover(doc_for(p), position_from_json(rpc::field(p, "position", "position")), enc_, *catalog_, caps_);
}
json Session::textDocument_inlayHint(const json& p) {
  return inlay_hints(doc_for(p), range_from_json(rpc::field(p, "range", "range")), enc_, *catalog_, settings_);
}
json Session::textDocument_codeAction(const json& p) { return code_actions(doc_for(p), p, *catalog_, enc_, caps_); }

}  // namespace winerr
