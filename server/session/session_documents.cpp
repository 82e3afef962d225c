// session_documents.cpp — see session.h: documents opened, changed and closed; whole-document
// scans handed off and taken back; diagnostics published.
#include <algorithm>

#include "features/features.h"
#include "session.h"

namespace winerr {

namespace {
std::string uri_of(const json& p) {
  return rpc::string_field(rpc::object_field(p, "textDocument", "textDocument"), "uri", "textDocument.uri");
}
}  // namespace

json Session::textDocument_didOpen(json& p) {
  rpc::object_field(p, "textDocument", "textDocument");  // checked before it is taken apart
  json& td = p["textDocument"];
  std::string uri = uri_of(p);
  auto version = rpc::integer_field(td, "version", "textDocument.version");
  auto text = rpc::take_string_field(td, "text", "textDocument.text");
  std::string language = td.contains("languageId") && td["languageId"].is_string() ? td["languageId"].get<std::string>() : "";
  open_document(uri, version, std::move(text), std::move(language));
  return nullptr;
}

void Session::open_document(const std::string& uri, std::int64_t version, std::string text, std::string language) {
  docs_.erase(uri);
  unknown_told_.erase(uri);
  // A file scanned by winerr.scanFile is now open: its text speaks. A client that pulls would
  // keep the pushed list beside the pulled one, so clear it (a push client's next one replaces it).
  follows_.erase(uri);  // open in the editor: its text speaks now
  if (scanned_files_.erase(uri) && caps_.pull_diagnostics)
    send(rpc::notification("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}}), uri);
  semantic_results_.erase(uri);  // a delta against the old text would be meaningless
  auto [it, _] = docs_.emplace(uri, Document(uri, version, std::move(text), std::move(language)));
  opened_at_[uri] = ++opens_;  // a reopened document counts as opened now
  // The project's files may have changed while no document was open (or with no watcher).
  workspace_.refresh_files(folder_of(it->second));
  apply_workspace_changes();
  start_full_scan(it->second);
}

json Session::textDocument_didChange(json& p) {
  std::string uri = uri_of(p);
  auto version = rpc::integer_field(p["textDocument"], "version", "textDocument.version");
  std::vector<TextChange> changes;
  rpc::array_field(p, "contentChanges", "contentChanges");
  for (json& c : p["contentChanges"]) {
    TextChange tc;
    tc.text = rpc::take_string_field(c, "text", "contentChanges[].text");
    if (c.contains("range")) tc.range = range_from_json(c["range"]);
    changes.push_back(std::move(tc));
  }
  auto it = docs_.find(uri);
  if (it == docs_.end()) {
    // LSP has no request for a document's text. A change that replaces the whole text gives
    // it back to us; anything else cannot be applied to text we never had.
    auto full = std::find_if(changes.rbegin(), changes.rend(), [](const TextChange& c) { return !c.range; });
    if (full != changes.rend()) {
      std::vector<TextChange> rest(full.base(), changes.end());
      open_document(uri, version, std::move(full->text), "");
      if (!rest.empty()) docs_.at(uri).apply(version, rest, enc_, catalog_of(docs_.at(uri)));
      return nullptr;
    }
    if (unknown_told_.insert(uri).second)
      show_message(2, "winerr-ls: " + uri + " was changed but never opened on the server, so it is not checked; "
                      "close and reopen it to check it.");
    return nullptr;
  }
  Document& doc = it->second;
  const bool was_ready = doc.findings_ready();
  for (const std::string& note : doc.apply(version, changes, enc_, catalog_of(doc))) warn(uri + ": " + note);
  if (doc.findings_ready()) publish(doc, /*client_asks=*/true);
  else if (was_ready || !scan_pending_.count(uri)) start_full_scan(doc);
  else scan_pending_[uri] = true;  // a scan is running; rescan when it reports back
  // Without a file watcher, an edited .winerr.json or team catalog is seen here.
  workspace_.refresh_files(folder_of(doc));
  apply_workspace_changes();
  return nullptr;
}

json Session::textDocument_didClose(json& p) {
  std::string uri = uri_of(p);
  if (auto it = docs_.find(uri); it != docs_.end()) {
    closed_bytes_ += it->second.text().size();  // handed back to the OS in idle()
    docs_.erase(it);
  }
  opened_at_.erase(uri);
  scan_pending_.erase(uri);
  semantic_results_.erase(uri);
  unknown_told_.erase(uri);
  result_ids_.erase(uri);
  end_scan_progress(uri, "closed");
  follows_.erase(uri);
  // What still waited for the scan gets its empty answer (a pull: an empty full report).
  if (auto w = waiting_.find(uri); w != waiting_.end()) {
    for (const Waiting& r : w->second) send(rpc::response(r.id, r.if_closed));
    waiting_.erase(w);
  }
  // The client drops pulled diagnostics of a closed document itself: nothing to push.
  if (caps_.pull_diagnostics) return nullptr;
  send(rpc::notification("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}}), uri);
  return nullptr;
}

json Session::textDocument_didSave(json& p) {
  const std::string uri = uri_of(p);
  // Saving .winerr.json itself, or any document: a moment to look at the project's files.
  if (auto it = docs_.find(uri); it != docs_.end()) workspace_.refresh_files(folder_of(it->second));
  else workspace_.refresh_files(workspace_.folder_for(uri));
  apply_workspace_changes();
  return nullptr;
}

void Session::start_full_scan(Document& doc) {
  doc.invalidate_findings();
  scan_pending_[doc.uri()] = false;
  // Its folder's team catalog is still being read: scanning with the catalog in force now
  // would publish findings that change a moment later. catalog_loaded() starts the scan.
  if (folder_of(doc).catalog_loading) return;
  begin_scan_progress(doc);
  io_.scan(ScanJob{doc.uri(), doc.version(), doc.snapshot(), folder_of(doc).catalog});
}

void Session::begin_scan_progress(const Document& doc) {
  if (!caps_.work_done_progress || doc.text().size() < kProgressBytes || progress_.count(doc.uri())) return;
  const std::string uri = doc.uri(), token = "winerr-scan-" + std::to_string(++progress_tokens_);
  const std::string name = uri.substr(uri.find_last_of('/') + 1);
  const std::string size = std::to_string(doc.text().size() >> 20) + " MB";
  progress_[uri] = {token};
  // The token exists once the client has answered; progress for it is sent only then.
  request("window/workDoneProgress/create", {{"token", token}}, [this, uri, token, name, size](const json&) {
    auto it = progress_.find(uri);
    if (it == progress_.end() || it->second.token != token) return;
    if (it->second.done) {  // scanned before the client answered: no bar to show
      progress_.erase(it);
      return;
    }
    it->second.created = true;
    send(rpc::notification("$/progress", {{"token", token},
                                          {"value", {{"kind", "begin"}, {"title", "winerr-ls: scanning " + name},
                                                     {"message", size}, {"cancellable", false}}}}));
  });
}

void Session::end_scan_progress(const std::string& uri, const std::string& message) {
  auto it = progress_.find(uri);
  if (it == progress_.end()) return;
  if (!it->second.created) {
    it->second.done = true;  // the create answer ends it
    return;
  }
  send(rpc::notification("$/progress", {{"token", it->second.token}, {"value", {{"kind", "end"}, {"message", message}}}}));
  progress_.erase(it);
}

void Session::scan_done(ScanDone d) {
  auto it = docs_.find(d.uri);
  if (it == docs_.end()) return;  // closed meanwhile
  Document& doc = it->second;
  // A reopened document may have the old version number: compare the text itself.
  if (d.text != doc.snapshot() || d.catalog != folder_of(doc).catalog || scan_pending_[d.uri]) {
    start_full_scan(doc);  // the text or catalog moved on while we scanned
    return;
  }
  scan_pending_.erase(d.uri);
  doc.set_scan(std::move(d.result));
  end_scan_progress(doc.uri(), std::to_string(doc.findings().size()) + " findings");
  publish(doc);
  refresh_code_lenses();  // the lens asked for before the scan was empty
}

namespace {
json diagnostics_of(const Document& doc, Folder& f, const Workspace& ws, PositionEncoding enc) {
  // An excluded document shows none, so what it showed before goes away.
  return ws.excluded(f, doc.uri()) ? json::array() : diagnostics(doc, doc.findings(), f.settings, f.policy, *f.catalog, enc);
}
}  // namespace

void Session::answer_after_scan(const Document& doc, std::function<json(const Document&)> answer, json if_closed, bool pull) {
  waiting_[doc.uri()].push_back({current_id_, std::move(answer), std::move(if_closed), pull});
  throw Deferred{};
}

bool Session::answer_waiting(const Document& doc) {
  auto w = waiting_.find(doc.uri());
  if (w == waiting_.end()) return false;
  std::vector<Waiting> list = std::move(w->second);
  waiting_.erase(w);
  bool pull = false;
  for (const Waiting& r : list) {
    send(rpc::response(r.id, r.answer(doc)));
    pull = pull || r.pull;
  }
  return pull;
}

void Session::publish(const Document& doc, bool client_asks) {
  Folder& f = folder_of(doc);
  if (!caps_.pull_diagnostics) {
    send(rpc::notification("textDocument/publishDiagnostics",
                           {{"uri", doc.uri()}, {"version", doc.version()}, {"diagnostics", diagnostics_of(doc, f, workspace_, enc_)}}),
         doc.uri());
    answer_waiting(doc);
    return;
  }
  result_ids_[doc.uri()] = std::to_string(++results_);
  if (answer_waiting(doc)) return;  // a pull was among them: the client has its answer
  // Settings, a catalog or a finished scan changed what it shows: ask the client to pull again
  // (once, however many documents changed).
  if (client_asks || !caps_.diagnostic_refresh || diagnostic_refresh_pending_) return;
  diagnostic_refresh_pending_ = true;
  request("workspace/diagnostic/refresh", nullptr, [this](const json&) { diagnostic_refresh_pending_ = false; });
}

// A DocumentDiagnosticReport: "unchanged" when the client holds the current resultId.
json Session::pull_report(const Document& doc, const std::string& previous_result_id) {
  std::string& id = result_ids_[doc.uri()];
  if (id.empty()) id = std::to_string(++results_);
  if (id == previous_result_id) return {{"kind", "unchanged"}, {"resultId", id}};
  return {{"kind", "full"}, {"resultId", id}, {"items", diagnostics_of(doc, folder_of(doc), workspace_, enc_)}};
}

// textDocument/diagnostic. Before the document's first scan ends there is nothing true to say:
// the request waits and is answered when the scan publishes (an error with retriggerRequest
// would make VS Code's client ask again at once, in a loop, for as long as a big scan runs).
json Session::textDocument_diagnostic(json& p) {
  const Document& doc = doc_for(p);
  std::string previous;
  if (auto it = p.find("previousResultId"); it != p.end() && it->is_string()) previous = it->get<std::string>();
  if (!doc.findings_ready())
    answer_after_scan(
        doc, [this, previous](const Document& d) { return pull_report(d, previous); },
        {{"kind", "full"}, {"resultId", std::to_string(++results_)}, {"items", json::array()}}, /*pull=*/true);
  return pull_report(doc, previous);
}

// workspace/diagnostic: a report for each open document whose scan is done (the others come by
// their own pull or a refresh), "unchanged" for those whose resultId the client sent.
json Session::workspace_diagnostic(json& p) {
  std::map<std::string, std::string> previous;
  if (auto it = p.find("previousResultIds"); it != p.end() && it->is_array())
    for (const json& r : *it)
      if (r.is_object() && r.contains("uri") && r["uri"].is_string() && r.contains("value") && r["value"].is_string())
        previous[r["uri"].get<std::string>()] = r["value"].get<std::string>();
  std::vector<const Document*> order;
  for (const auto& [uri, d] : docs_)
    if (d.findings_ready()) order.push_back(&d);
  std::sort(order.begin(), order.end(), [](const Document* a, const Document* b) { return a->uri() < b->uri(); });
  json items = json::array();
  for (const Document* d : order) {
    auto it = previous.find(d->uri());
    json report = pull_report(*d, it == previous.end() ? "" : it->second);
    report["uri"] = d->uri();
    report["version"] = d->version();
    items.push_back(std::move(report));
  }
  return {{"items", std::move(items)}};
}

const Document& Session::doc_for(const json& p) const {
  std::string uri = uri_of(p);
  auto it = docs_.find(uri);
  if (it == docs_.end()) throw rpc::Error(rpc::kInvalidParams, "document not open: " + uri);
  return it->second;
}

}  // namespace winerr
