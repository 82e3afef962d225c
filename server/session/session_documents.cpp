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
  for (const std::string& note : doc.apply(version, changes, enc_, catalog_of(doc))) io_.log(uri + ": " + note);
  if (doc.findings_ready()) publish(doc);
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
  unknown_told_.erase(uri);
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
  io_.scan(ScanJob{doc.uri(), doc.version(), doc.snapshot(), folder_of(doc).catalog});
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
  publish(doc);
  refresh_code_lenses();  // the lens asked for before the scan was empty
}

void Session::publish(const Document& doc) {
  Folder& f = folder_of(doc);
  // An excluded document is published empty, so what it showed before goes away.
  json list = workspace_.excluded(f, doc.uri()) ? json::array()
                                                : diagnostics(doc, doc.findings(), f.settings, f.policy, *f.catalog, enc_);
  send(rpc::notification("textDocument/publishDiagnostics",
                         {{"uri", doc.uri()}, {"version", doc.version()}, {"diagnostics", std::move(list)}}),
       doc.uri());
}

const Document& Session::doc_for(const json& p) const {
  std::string uri = uri_of(p);
  auto it = docs_.find(uri);
  if (it == docs_.end()) throw rpc::Error(rpc::kInvalidParams, "document not open: " + uri);
  return it->second;
}

}  // namespace winerr
