// session_features.cpp — see session.h: the requests that read a document's findings (hover,
// hints, actions, the outline, links, highlights, references, completion, symbols, lenses) and
// the commands. Each is a thin step from the LSP params to a feature in features/.
#include <algorithm>

#include "explanation.h"
#include "features/features.h"
#include "session.h"

namespace winerr {

json Session::textDocument_hover(json& p) {
  const Document& doc = doc_for(p);
  const Folder& f = folder_of(doc);
  return hover(doc, position_from_json(rpc::field(p, "position", "position")), enc_, *f.catalog, caps_,
               f.settings.decimals == Decimals::Any);
}
json Session::textDocument_inlayHint(json& p) {
  const Document& doc = doc_for(p);
  Folder& f = folder_of(doc);
  if (workspace_.excluded(f, doc.uri())) return json::array();
  return inlay_hints(doc, range_from_json(rpc::field(p, "range", "range")), enc_, *f.catalog, f.settings, f.policy);
}
json Session::textDocument_codeAction(json& p) {
  const Document& doc = doc_for(p);
  const Folder& f = folder_of(doc);
  return code_actions(doc, p, *f.catalog, enc_, caps_, f.settings.decimals == Decimals::Any, f.root);
}
// The outline, links and the lens read the document's findings. Asked before its scan has
// ended, they wait for it (an answer of none would stay: editors ask again only after an edit);
// highlights and references answer from the documents that are ready.
json Session::textDocument_documentSymbol(json& p) {
  const Document& doc = doc_for(p);
  if (workspace_.excluded(folder_of(doc), doc.uri())) return json::array();
  auto answer = [this](const Document& d) {
    Folder& f = folder_of(d);
    return document_symbols(d, d.findings(), f.policy, *f.catalog, enc_);
  };
  if (!doc.findings_ready()) answer_after_scan(doc, answer, json::array());
  return answer(doc);
}
json Session::textDocument_documentLink(json& p) {
  const Document& doc = doc_for(p);
  if (workspace_.excluded(folder_of(doc), doc.uri())) return json::array();
  auto answer = [this](const Document& d) {
    Folder& f = folder_of(d);
    return document_links(d, d.findings(), f.policy, *f.catalog, enc_, f.settings.max_diagnostics);
  };
  if (!doc.findings_ready()) answer_after_scan(doc, answer, json::array());
  return answer(doc);
}
json Session::textDocument_documentHighlight(json& p) {
  const Document& doc = doc_for(p);
  json out = json::array();
  const auto code = code_at(doc, position_from_json(rpc::field(p, "position", "position")), enc_, catalog_of(doc));
  if (code && doc.findings_ready())
    add_occurrences(doc, *code, enc_, kMaxOccurrences, out, [](json range) { return json{{"range", std::move(range)}, {"kind", 1}}; });
  return out;
}
// Every open document, the asked one first, then by URI.
json Session::textDocument_references(json& p) {
  const Document& doc = doc_for(p);
  json out = json::array();
  const auto code = code_at(doc, position_from_json(rpc::field(p, "position", "position")), enc_, catalog_of(doc));
  if (!code) return out;
  auto add = [&](const Document& d) {
    if (!d.findings_ready()) return;
    add_occurrences(d, *code, enc_, kMaxOccurrences, out, [&](json range) { return json{{"uri", d.uri()}, {"range", std::move(range)}}; });
  };
  add(doc);
  std::vector<const std::string*> others;
  for (const auto& [uri, d] : docs_)
    if (uri != doc.uri()) others.push_back(&uri);
  std::sort(others.begin(), others.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
  for (const std::string* uri : others) add(docs_.at(*uri));
  return out;
}

json Session::textDocument_codeLens(json& p) {
  const Document& doc = doc_for(p);
  if (workspace_.excluded(folder_of(doc), doc.uri())) return json::array();
  auto answer = [this](const Document& d) {
    Folder& f = folder_of(d);
    return code_lenses(d, d.findings(), f.policy, *f.catalog);
  };
  if (!doc.findings_ready()) answer_after_scan(doc, answer, json::array());
  return answer(doc);
}

// One refresh at a time: a hundred documents scanned at once ask the client once, not a
// hundred times (it re-asks for every visible document anyway).
void Session::refresh_code_lenses() {
  if (!caps_.code_lens_refresh || lens_refresh_pending_) return;
  lens_refresh_pending_ = true;
  request("workspace/codeLens/refresh", nullptr, [this](const json&) { lens_refresh_pending_ = false; });
}

// Semantic tokens read the findings too, and wait for a scan as the outline does: tokens of a
// log without its codes would stay until the next edit.
bool Session::gets_semantic_tokens(const Document& doc) {
  // Not a log (its language colours it), or excluded (the server keeps out of it): none.
  return has_semantic_tokens(doc) && !workspace_.excluded(folder_of(doc), doc.uri());
}

std::optional<std::vector<std::uint32_t>> Session::semantic_data(const Document& doc, std::size_t begin, std::size_t end) {
  if (!gets_semantic_tokens(doc)) return std::nullopt;
  Folder& f = folder_of(doc);
  static const std::vector<Finding> kNone;  // only ever asked once they are ready
  const auto tokens = semantic_token_list(doc, doc.findings_ready() ? doc.findings() : kNone, f.policy, *f.catalog, begin, end);
  return encode_semantic_tokens(doc.text(), doc.lines(), tokens, enc_);
}

json Session::semantic_full(const Document& doc, std::optional<std::vector<std::uint32_t>> data) {
  // A document that gets no tokens gets no resultId either: there is nothing to send the
  // differences of, and its client asks for the (empty) whole again.
  if (!data) {
    semantic_results_.erase(doc.uri());
    return {{"data", json::array()}};
  }
  SemanticResult& r = semantic_results_[doc.uri()];
  r.id = std::to_string(++semantic_ids_);
  r.data = std::move(*data);
  return {{"resultId", r.id}, {"data", r.data}};
}

// The difference to the result the client names, if it is the last one sent for this document;
// any other id (older, of another document, of a closed one) gets the whole result.
json Session::semantic_delta(const Document& doc, const std::string& previous) {
  auto data = semantic_data(doc, 0, doc.text().size());
  auto it = semantic_results_.find(doc.uri());
  if (!data || it == semantic_results_.end() || it->second.id != previous) return semantic_full(doc, std::move(data));
  json edits = semantic_tokens_edits(it->second.data, *data);
  it->second.id = std::to_string(++semantic_ids_);
  it->second.data = std::move(*data);
  return {{"resultId", it->second.id}, {"edits", std::move(edits)}};
}

json Session::textDocument_semanticTokens_full(json& p) {
  const Document& doc = doc_for(p);
  auto answer = [this](const Document& d) { return semantic_full(d, semantic_data(d, 0, d.text().size())); };
  if (!doc.findings_ready() && gets_semantic_tokens(doc)) answer_after_scan(doc, answer, {{"data", json::array()}});
  return answer(doc);
}

json Session::textDocument_semanticTokens_full_delta(json& p) {
  const Document& doc = doc_for(p);
  const std::string previous = rpc::string_field(p, "previousResultId", "previousResultId");
  auto answer = [this, previous](const Document& d) { return semantic_delta(d, previous); };
  if (!doc.findings_ready() && gets_semantic_tokens(doc)) answer_after_scan(doc, answer, {{"data", json::array()}});
  return answer(doc);
}

// The tokens of a range are not remembered: a delta is always against a full result.
json Session::textDocument_semanticTokens_range(json& p) {
  const Document& doc = doc_for(p);
  const Range r = range_from_json(rpc::field(p, "range", "range"));
  auto answer = [this, r](const Document& d) {
    const std::size_t b = to_offset_clamped(d.text(), d.lines(), r.start, enc_);
    const std::size_t e = to_offset_clamped(d.text(), d.lines(), r.end, enc_);
    auto data = semantic_data(d, std::min(b, e), std::max(b, e));
    return json{{"data", data ? json(std::move(*data)) : json::array()}};
  };
  if (!doc.findings_ready() && gets_semantic_tokens(doc)) answer_after_scan(doc, answer, {{"data", json::array()}});
  return answer(doc);
}

// One refresh at a time, as for the lenses.
void Session::refresh_semantic_tokens() {
  if (!caps_.semantic_refresh || semantic_refresh_pending_) return;
  semantic_refresh_pending_ = true;
  request("workspace/semanticTokens/refresh", nullptr, [this](const json&) { semantic_refresh_pending_ = false; });
}

// Names of the document's folder's catalog (a team catalog's too). Offered in an excluded
// document as well: `exclude` says what is not checked, not what may not be typed.
json Session::textDocument_completion(json& p) {
  const Document& doc = doc_for(p);
  return completion(doc, position_from_json(rpc::field(p, "position", "position")), enc_, catalog_of(doc), caps_);
}
// Every open document in the order it was opened, each with its folder's settings and catalog;
// a document still being scanned, or excluded, has nothing to show yet (as for references).
json Session::workspace_symbol(json& p) {
  const SymbolQuery query(rpc::string_field(p, "query", "query"));
  std::vector<const Document*> order;
  for (const auto& [uri, d] : docs_) order.push_back(&d);
  std::sort(order.begin(), order.end(),
            [&](const Document* a, const Document* b) { return opened_at_.at(a->uri()) < opened_at_.at(b->uri()); });
  json out = json::array();
  for (const Document* d : order) {
    Folder& f = folder_of(*d);
    if (!d->findings_ready() || workspace_.excluded(f, d->uri())) continue;
    add_workspace_symbols(*d, d->findings(), f.policy, *f.catalog, query, enc_, kMaxWorkspaceSymbols, out);
    if (out.size() >= kMaxWorkspaceSymbols) break;
  }
  return out;
}

// winerr.explain CODE: the full explanation as a document the client shows, else as a message.
// The catalog is the first folder's (a team catalog's codes explain too); the result is the
// Markdown text, for clients that use it.
json Session::workspace_executeCommand(json& p) {
  const std::string command = rpc::string_field(p, "command", "command");
  if (command == kShowOutlineCommand) return show_outline(p);
  if (command == kScanFileCommand) return scan_file_command(p);
  if (command != kExplainCommand)
    throw rpc::Error(rpc::kInvalidParams, "unknown command '" + command + "' (known: winerr.explain, winerr.showOutline, winerr.scanFile)");
  const Catalog& catalog = *workspace_.folder_for("").catalog;
  const Entry& e = explain_argument(p, catalog);
  if (caps_.show_document)
    if (auto uri = write_explanation(e, catalog)) {
      request("window/showDocument", {{"uri", *uri}, {"takeFocus", true}});
      return {{"uri", *uri}};
    }
  send(rpc::notification("window/showMessage", {{"type", 3}, {"message", render_text(e, catalog)}}));
  return nullptr;
}

// winerr.showOutline URI, the summary lens's command. VS Code and Neovim run it themselves
// (their outline); a client that sends it here (eglot runs every lens command on the server)
// gets the outline as a message: the summary, then one line per code.
json Session::show_outline(const json& p) {
  const json* args = p.contains("arguments") && p["arguments"].is_array() ? &p["arguments"] : nullptr;
  if (!args || args->empty() || !(*args)[0].is_string())
    throw rpc::Error(rpc::kInvalidParams, "winerr.showOutline takes one argument: the document's URI");
  const std::string uri = (*args)[0].get<std::string>();
  auto it = docs_.find(uri);
  if (it == docs_.end()) throw rpc::Error(rpc::kInvalidParams, "document not open: " + uri);
  const Document& doc = it->second;
  Folder& f = folder_of(doc);
  std::string text;
  if (!doc.findings_ready()) text = uri + " is still being scanned";
  else if (workspace_.excluded(f, doc.uri())) text = uri + " is excluded by its folder's settings";
  else {
    text = summary_title(doc, doc.findings(), f.policy, *f.catalog);
    if (text.empty()) text = "no IPsec/IKE codes in " + uri;
    for (const json& sym : document_symbols(doc, doc.findings(), f.policy, *f.catalog, enc_))
      text += "\n" + sym["name"].get<std::string>();
  }
  send(rpc::notification("window/showMessage", {{"type", 3}, {"message", text}}));
  return nullptr;
}

}  // namespace winerr
