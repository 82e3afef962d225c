// server.cpp — see server.h. The method table is in Server::methods().
#include "server.h"

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <variant>

#include "catalog.h"
#include "document.h"
#include "features/features.h"
#include "framing.h"
#include "json_input.h"
#include "jsonrpc.h"
#include "outbox.h"
#include "platform/platform.h"
#include "usercatalog/user_catalog.h"
#include "version.h"

namespace winerr {

namespace {

using rpc::json;

// A thread-safe FIFO.
template <class T>
class Queue {
 public:
  void push(T v) {
    { std::lock_guard l(m_); q_.push_back(std::move(v)); }
    cv_.notify_one();
  }
  T pop() {
    std::unique_lock l(m_);
    cv_.wait(l, [&] { return !q_.empty(); });
    T v = std::move(q_.front());
    q_.pop_front();
    return v;
  }
  bool empty() {
    std::lock_guard l(m_);
    return q_.empty();
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<T> q_;
};

void log(const std::string& s) { std::cerr << "winerr-ls: " << s << std::endl; }

struct ScanJob {
  std::string uri;
  std::int64_t version;
  std::shared_ptr<const std::string> text;
  std::shared_ptr<const Catalog> catalog;
};
struct ScanDone {
  std::string uri;
  std::int64_t version;
  std::vector<Finding> findings;
  std::shared_ptr<const Catalog> catalog;
};
// The session must end: input ended, the client stopped reading, or the editor died.
struct SessionOver {
  std::string why;
  int exit_code = 1;
};
struct Incoming {
  rpc::Message msg;
};
using WorkItem = std::variant<Incoming, ScanDone, SessionOver>;

class Server {
 public:
  explicit Server(const ServerOptions& o) : opts_(o), settings_(o.settings) {
    catalog_ = std::make_shared<const Catalog>(Catalog::embedded());
  }

  int run() {
    std::thread writer([this] { write_loop(); });
    std::thread scanner([this] { scan_loop(); });
    std::thread reader([this] { read_loop(); });
    int code = work_loop();
    // The reader may be blocked waiting for input that never comes: wake it, then join.
    input_.interrupt();
    reader.join();
    stop_watch();
    scan_jobs_.push(std::nullopt);
    scanner.join();
    out_.close();
    writer.join();
    return code;
  }

 private:
  // ---------------------------------------------------------------- threads
  void read_loop() {
    FrameDecoder dec(opts_.max_frame ? opts_.max_frame : kDefaultMaxFrame);
    std::vector<char> buf(1 << 16);
    for (;;) {
      long n = input_.read(buf.data(), buf.size());
      if (n == platform::InputStream::kInterrupted) return;
      if (n == platform::InputStream::kTerminated) {
        work_.push(SessionOver{"terminated (SIGTERM)", 0});
        return;
      }
      if (n <= 0) break;
      dec.feed(std::string_view(buf.data(), static_cast<std::size_t>(n)));
      for (;;) {
        auto r = dec.next();
        if (r.status == FrameDecoder::Status::NeedMore) break;
        if (r.status == FrameDecoder::Status::Error) { log("bad frame: " + r.error); continue; }
        rpc::ParsedBody parsed = rpc::parse_body(std::move(r.body));
        if (!parsed.error.empty()) {
          send(rpc::error_response(nullptr, rpc::kParseError, parsed.error));
          continue;
        }
        if (parsed.repaired > 0)
          log("a message held " + std::to_string(parsed.repaired) + " invalid UTF-8 sequence(s) or lone surrogate(s); read as U+FFFD");
        rpc::Message m = rpc::classify(std::move(parsed.value));
        if (m.kind == rpc::Message::Kind::Notification && m.method == "$/cancelRequest") {
          note_cancel(m.params);
          continue;
        }
        work_.push(Incoming{std::move(m)});
      }
    }
    work_.push(SessionOver{"input ended without exit"});
  }

  void note_cancel(const json& params) {
    // The spec's id is an integer or a string; anything else cannot name a request of ours.
    if (!params.is_object() || !params.contains("id")) return;
    const json& id = params["id"];
    if (!id.is_number_integer() && !id.is_string()) {
      log("$/cancelRequest: id must be an integer or a string; ignored");
      return;
    }
    std::lock_guard l(cancel_mutex_);
    if (cancelled_.size() > 10000) cancelled_.clear();  // ids of long-finished requests
    cancelled_.insert(id.dump());
  }

  void write_loop() {
    for (;;) {
      auto s = out_.pop();
      if (!s) return;
      if (!platform::write_all(opts_.out_fd, *s)) {
        // The client closed its end: nobody will read what we say, so end the session.
        out_.client_gone();
        work_.push(SessionOver{"the client closed the server's output"});
        return;
      }
    }
  }

  void scan_loop() {
    for (;;) {
      auto job = scan_jobs_.pop();
      if (!job) return;
      ScanDone done{job->uri, job->version, scan(*job->text, *job->catalog), job->catalog};
      work_.push(std::move(done));
    }
  }

  void send(const json& j, std::optional<std::string> diagnostics_uri = std::nullopt) {
    out_.push(encode_frame(rpc::dump(j)), std::move(diagnostics_uri));
    if (!told_full_ && out_.full_waits() > 0) {
      told_full_ = true;
      log("the client is not reading its input; replies wait, and only the newest diagnostics of each document are kept");
    }
  }

  // initialize.processId: when the editor dies without telling us, end the session (checked
  // every 500 ms, so within the spec's spirit and the 2 s users notice).
  void start_watch(long long pid) {
    watch_ = std::thread([this, pid] {
      std::unique_lock l(watch_mutex_);
      while (!watch_stop_) {
        if (!platform::process_alive(pid)) {
          work_.push(SessionOver{"the editor process " + std::to_string(pid) + " is gone"});
          return;
        }
        watch_cv_.wait_for(l, std::chrono::milliseconds(500));
      }
    });
  }
  void stop_watch() {
    {
      std::lock_guard l(watch_mutex_);
      watch_stop_ = true;
    }
    watch_cv_.notify_all();
    if (watch_.joinable()) watch_.join();
  }

  // ---------------------------------------------------------------- worker
  int work_loop() {
    for (;;) {
      // After documents were closed, give their memory back to the OS once the burst of
      // messages is over (trimming per didClose would cost ms each on a big heap).
      if (closed_bytes_ > 0 && work_.empty()) {
        closed_bytes_ = 0;
        platform::release_free_memory();
      }
      WorkItem item = work_.pop();
      if (auto* over = std::get_if<SessionOver>(&item)) {
        log(over->why);
        return over->exit_code;
      }
      if (auto* d = std::get_if<ScanDone>(&item)) { scan_done(std::move(*d)); continue; }
      rpc::Message& m = std::get<Incoming>(item).msg;
      if (m.kind == rpc::Message::Kind::Notification && m.method == "exit") return shutdown_ ? 0 : 1;
      handle(m);
    }
  }

  void handle(rpc::Message& m) {
    using K = rpc::Message::Kind;
    if (m.kind == K::Invalid) {
      send(rpc::error_response(m.id, rpc::kInvalidRequest, m.problem));
      return;
    }
    if (m.kind == K::Response) return;  // we send no requests that need an answer
    const bool is_request = m.kind == K::Request;
    if (is_request && take_cancel(m.id)) {
      send(rpc::error_response(m.id, rpc::kRequestCancelled, "request cancelled"));
      return;
    }
    if (!initialized_ && m.method != "initialize") {
      if (is_request) send(rpc::error_response(m.id, rpc::kServerNotInitialized, "the server is not initialized"));
      return;
    }
    if (shutdown_) {
      if (is_request) send(rpc::error_response(m.id, rpc::kInvalidRequest, "the server is shutting down"));
      return;
    }
    auto it = methods().find(m.method);
    if (it == methods().end()) {
      if (is_request) send(rpc::error_response(m.id, rpc::kMethodNotFound, "unknown method " + m.method));
      // unknown notifications, $/ or not, are ignored as the spec allows
      return;
    }
    // One place turns malformed params into -32602; every request gets exactly one answer.
    try {
      json result = (this->*(it->second))(m.params.is_null() ? json::object() : m.params);
      if (is_request) send(rpc::response(m.id, std::move(result)));
    } catch (const rpc::Error& e) {
      if (is_request) send(rpc::error_response(m.id, e.code, e.what()));
      else log(m.method + ": " + e.what());
    } catch (const json::exception& e) {
      // Fields are read through rpc::*_field, which name themselves; this is the fallback.
      log(m.method + ": invalid params: " + e.what());
      if (is_request) send(rpc::error_response(m.id, rpc::kInvalidParams, "invalid params for " + m.method + ": a field has the wrong type"));
    } catch (const std::exception& e) {
      if (is_request) send(rpc::error_response(m.id, rpc::kInternalError, e.what()));
      else log(m.method + ": " + e.what());
    }
  }

  bool take_cancel(const json& id) {
    std::lock_guard l(cancel_mutex_);
    return cancelled_.erase(id.dump()) > 0;
  }

  using Handler = json (Server::*)(const json&);
  static const std::map<std::string, Handler>& methods() {
    // The single registration table: handler names echo the method names.
    static const std::map<std::string, Handler> table = {
        {"initialize", &Server::initialize},
        {"initialized", &Server::initialized},
        {"shutdown", &Server::shutdown},
        {"textDocument/didOpen", &Server::textDocument_didOpen},
        {"textDocument/didChange", &Server::textDocument_didChange},
        {"textDocument/didClose", &Server::textDocument_didClose},
        {"textDocument/didSave", &Server::textDocument_didSave},
        {"textDocument/hover", &Server::textDocument_hover},
        {"textDocument/inlayHint", &Server::textDocument_inlayHint},
        {"textDocument/codeAction", &Server::textDocument_codeAction},
        {"workspace/didChangeConfiguration", &Server::workspace_didChangeConfiguration},
    };
    return table;
  }

  // ---------------------------------------------------------------- lifecycle
  json initialize(const json& p) {
    if (initialized_) throw rpc::Error(rpc::kInvalidRequest, "initialize was already called");
    if (!p.is_object()) throw rpc::Error(rpc::kInvalidParams, "initialize params must be an object");
    enc_ = PositionEncoding::Utf16;
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
    if (auto pid = p.find("processId"); pid != p.end() && pid->is_number_integer() && pid->get<long long>() > 0)
      start_watch(pid->get<long long>());
    initialized_ = true;
    log("initialized; position encoding " + std::string(to_string(enc_)));
    return {{"capabilities",
             {{"positionEncoding", std::string(to_string(enc_))},
              {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
              {"hoverProvider", true},
              {"inlayHintProvider", true},
              {"codeActionProvider", {{"codeActionKinds", json::array({"refactor.rewrite"})}}}}},
            {"serverInfo", {{"name", "winerr-ls"}, {"version", kVersion}}}};
  }
  json initialized(const json&) { return nullptr; }
  json shutdown(const json&) {
    shutdown_ = true;
    return nullptr;
  }

  // ---------------------------------------------------------------- settings
  void apply_settings(const json& s) {
    Settings next = settings_;
    try {
      if (s.contains("maxDiagnostics")) next.max_diagnostics = s["maxDiagnostics"].get<std::size_t>();
      if (s.contains("showPossible")) next.show_possible = s["showPossible"].get<bool>();
      if (s.contains("inlayHints")) next.inlay_hints = s["inlayHints"].get<bool>();
      if (s.contains("catalogPath")) next.catalog_path = s["catalogPath"].get<std::string>();
    } catch (const json::exception& e) {
      show_message(2, std::string("winerr-ls: a setting has the wrong type, settings unchanged: ") + e.what());
      return;
    }
    const bool catalog_changed = next.catalog_path != loaded_catalog_path_;
    settings_ = next;
    if (catalog_changed) load_user_catalog();
  }

  void load_user_catalog() {
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
        log("user catalog loaded: " + settings_.catalog_path);
      }
    }
    for (auto& [uri, doc] : docs_) start_full_scan(doc);
  }

  json workspace_didChangeConfiguration(const json& p) {
    const json& s = rpc::field(p, "settings", "settings");
    if (s.is_object() && s.contains("winerr") && s["winerr"].is_object()) apply_settings(s["winerr"]);
    else if (s.is_object()) apply_settings(s);
    for (auto& [uri, doc] : docs_)
      if (doc.findings_ready()) publish(doc);
    return nullptr;
  }

  void show_message(int type, const std::string& text) {
    log(text);
    send(rpc::notification("window/showMessage", {{"type", type}, {"message", text}}));
  }

  // ---------------------------------------------------------------- documents
  static std::string uri_of(const json& p) {
    return rpc::string_field(rpc::object_field(p, "textDocument", "textDocument"), "uri", "textDocument.uri");
  }

  json textDocument_didOpen(const json& p) {
    const json& td = rpc::object_field(p, "textDocument", "textDocument");
    std::string uri = uri_of(p);
    auto version = rpc::integer_field(td, "version", "textDocument.version");
    auto text = rpc::string_field(td, "text", "textDocument.text");
    open_document(uri, version, std::move(text));
    return nullptr;
  }

  void open_document(const std::string& uri, std::int64_t version, std::string text) {
    docs_.erase(uri);
    unknown_told_.erase(uri);
    auto [it, _] = docs_.emplace(uri, Document(uri, version, std::move(text)));
    start_full_scan(it->second);
  }

  json textDocument_didChange(const json& p) {
    std::string uri = uri_of(p);
    auto version = rpc::integer_field(p["textDocument"], "version", "textDocument.version");
    std::vector<TextChange> changes;
    for (const json& c : rpc::array_field(p, "contentChanges", "contentChanges")) {
      TextChange tc;
      tc.text = rpc::string_field(c, "text", "contentChanges[].text");
      if (c.contains("range")) tc.range = range_from_json(c["range"]);
      changes.push_back(std::move(tc));
    }
    auto it = docs_.find(uri);
    if (it == docs_.end()) {
      // LSP has no request for a document's text. A change that replaces the whole text
      // gives it back to us; anything else cannot be applied to text we never had.
      auto full = std::find_if(changes.rbegin(), changes.rend(), [](const TextChange& c) { return !c.range; });
      if (full != changes.rend()) {
        std::vector<TextChange> rest(full.base(), changes.end());
        open_document(uri, version, std::move(full->text));
        if (!rest.empty()) docs_.at(uri).apply(version, rest, enc_, *catalog_);
        return nullptr;
      }
      if (unknown_told_.insert(uri).second)
        show_message(2, "winerr-ls: " + uri + " was changed but never opened on the server, so it is not checked; "
                        "close and reopen it to check it.");
      return nullptr;
    }
    Document& doc = it->second;
    const bool was_ready = doc.findings_ready();
    for (const std::string& note : doc.apply(version, changes, enc_, *catalog_)) log(uri + ": " + note);
    if (doc.findings_ready()) publish(doc);
    else if (was_ready || !scan_pending_.count(uri)) start_full_scan(doc);
    else scan_pending_[uri] = true;  // a scan is running; rescan when it reports back
    return nullptr;
  }

  json textDocument_didClose(const json& p) {
    std::string uri = uri_of(p);
    if (auto it = docs_.find(uri); it != docs_.end()) {
      closed_bytes_ += it->second.text().size();
      docs_.erase(it);
    }
    // Memory is handed back when the worker next goes idle (see work_loop).
    scan_pending_.erase(uri);
    unknown_told_.erase(uri);
    send(rpc::notification("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}}), uri);
    return nullptr;
  }
  json textDocument_didSave(const json& p) {
    uri_of(p);
    return nullptr;
  }

  void start_full_scan(Document& doc) {
    doc.invalidate_findings();
    scan_pending_[doc.uri()] = false;
    scan_jobs_.push(ScanJob{doc.uri(), doc.version(), doc.snapshot(), catalog_});
  }

  void scan_done(ScanDone d) {
    auto it = docs_.find(d.uri);
    if (it == docs_.end()) return;  // closed meanwhile
    Document& doc = it->second;
    if (doc.version() != d.version || d.catalog != catalog_ || scan_pending_[d.uri]) {
      start_full_scan(doc);  // the text or catalog moved on while we scanned
      return;
    }
    scan_pending_.erase(d.uri);
    doc.set_findings(std::move(d.findings));
    publish(doc);
  }

  void publish(const Document& doc) {
    send(rpc::notification("textDocument/publishDiagnostics",
                           {{"uri", doc.uri()}, {"version", doc.version()},
                            {"diagnostics", diagnostics(doc, doc.findings(), settings_, enc_)}}),
         doc.uri());
  }

  const Document& doc_for(const json& p) {
    std::string uri = uri_of(p);
    auto it = docs_.find(uri);
    if (it == docs_.end()) throw rpc::Error(rpc::kInvalidParams, "document not open: " + uri);
    return it->second;
  }

  // ---------------------------------------------------------------- features
  json textDocument_hover(const json& p) {
    return hover(doc_for(p), position_from_json(rpc::field(p, "position", "position")), enc_, *catalog_);
  }
  json textDocument_inlayHint(const json& p) {
    return inlay_hints(doc_for(p), range_from_json(rpc::field(p, "range", "range")), enc_, *catalog_, settings_);
  }
  json textDocument_codeAction(const json& p) { return code_actions(doc_for(p), p, *catalog_); }

  ServerOptions opts_;
  platform::InputStream input_{opts_.in_fd};
  Settings settings_;
  std::string loaded_catalog_path_;
  std::shared_ptr<const Catalog> catalog_;
  PositionEncoding enc_ = PositionEncoding::Utf16;
  bool initialized_ = false;
  bool shutdown_ = false;
  std::unordered_map<std::string, Document> docs_;
  std::unordered_map<std::string, bool> scan_pending_;  // uri -> "changed while scanning"
  std::set<std::string> unknown_told_;  // changed-but-never-opened documents we warned about
  Queue<WorkItem> work_;
  Outbox out_;
  bool told_full_ = false;
  std::size_t closed_bytes_ = 0;
  std::thread watch_;
  std::mutex watch_mutex_;
  std::condition_variable watch_cv_;
  bool watch_stop_ = false;
  Queue<std::optional<ScanJob>> scan_jobs_;
  std::mutex cancel_mutex_;
  std::set<std::string> cancelled_;
};

}  // namespace

int run_server(const ServerOptions& options) {
  Server s(options);
  return s.run();
}

}  // namespace winerr
