// common.cpp — JSON <-> Position/Range, shared by the features.
#include "features.h"

#include <algorithm>

#include "jsonrpc.h"

namespace winerr {

ClientCaps ClientCaps::from_initialize(const json& c) {
  ClientCaps caps;
  if (!c.is_object()) return caps;
  // Walks a path of object keys; null when any step is missing or not an object.
  auto at = [&](std::initializer_list<const char*> path) -> const json* {
    const json* j = &c;
    for (const char* k : path) {
      if (!j->is_object()) return nullptr;
      auto it = j->find(k);
      if (it == j->end()) return nullptr;
      j = &*it;
    }
    return j;
  };
  if (auto* v = at({"workspace", "workspaceEdit", "documentChanges"}); v && v->is_boolean()) caps.document_changes = v->get<bool>();
  if (auto* v = at({"workspace", "inlayHint", "refreshSupport"}); v && v->is_boolean()) caps.inlay_refresh = v->get<bool>();
  if (auto* v = at({"workspace", "semanticTokens", "refreshSupport"}); v && v->is_boolean()) caps.semantic_refresh = v->get<bool>();
  if (auto* v = at({"workspace", "configuration"}); v && v->is_boolean()) caps.configuration = v->get<bool>();
  if (auto* v = at({"workspace", "didChangeWatchedFiles", "dynamicRegistration"}); v && v->is_boolean())
    caps.watch_files = v->get<bool>();
  if (auto* v = at({"workspace", "workspaceFolders"}); v && v->is_boolean()) caps.workspace_folders = v->get<bool>();
  if (auto* v = at({"window", "showDocument", "support"}); v && v->is_boolean()) caps.show_document = v->get<bool>();
  if (auto* v = at({"workspace", "codeLens", "refreshSupport"}); v && v->is_boolean()) caps.code_lens_refresh = v->get<bool>();
  if (auto* v = at({"textDocument", "diagnostic"}); v && v->is_object()) caps.pull_diagnostics = true;
  if (auto* v = at({"window", "workDoneProgress"}); v && v->is_boolean()) caps.work_done_progress = v->get<bool>();
  if (auto* v = at({"workspace", "diagnostics", "refreshSupport"}); v && v->is_boolean()) caps.diagnostic_refresh = v->get<bool>();
  if (auto* v = at({"workspace", "workspaceEdit", "resourceOperations"}); v && v->is_array())
    caps.create_files = std::find(v->begin(), v->end(), "create") != v->end();
  if (auto* v = at({"textDocument", "hover", "contentFormat"}); v && v->is_array() && !v->empty())
    caps.hover_markdown = std::find(v->begin(), v->end(), "markdown") != v->end();
  // Markdown when listed at all, the rule the hover follows, so the two never disagree.
  if (auto* v = at({"textDocument", "completion", "completionItem", "documentationFormat"}); v && v->is_array())
    caps.completion_markdown = std::find(v->begin(), v->end(), "markdown") != v->end();
  return caps;
}

json to_json(Position p) { return {{"line", p.line}, {"character", p.character}}; }

json to_json(const Document& doc, std::size_t begin, std::size_t end, PositionEncoding enc) {
  return {{"start", to_json(to_position(doc.text(), doc.lines(), begin, enc))},
          {"end", to_json(to_position(doc.text(), doc.lines(), end, enc))}};
}

Position position_from_json(const json& j) {
  if (!j.is_object() || !j.contains("line") || !j.contains("character") || !j["line"].is_number_unsigned() ||
      !j["character"].is_number_unsigned())
    throw rpc::Error(rpc::kInvalidParams, "a position needs non-negative integer line and character");
  auto line = j["line"].get<std::uint64_t>(), ch = j["character"].get<std::uint64_t>();
  if (line > 0xFFFFFFFFull || ch > 0xFFFFFFFFull) throw rpc::Error(rpc::kInvalidParams, "position out of range");
  return {static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(ch)};
}

Range range_from_json(const json& j) {
  if (!j.is_object() || !j.contains("start") || !j.contains("end"))
    throw rpc::Error(rpc::kInvalidParams, "a range needs start and end");
  return {position_from_json(j["start"]), position_from_json(j["end"])};
}

const Finding* finding_at(const std::vector<Finding>& found, std::size_t offset, bool with_bare) {
  // In document order and never overlapping: the finding holding `offset`, or ending at it,
  // is the last to begin at or before it, or (the last being a hidden bare one) the one before.
  auto it = std::upper_bound(found.begin(), found.end(), offset, [](std::size_t o, const Finding& f) { return o < f.begin; });
  const Finding* after = nullptr;
  for (int k = 0; k < 2 && it != found.begin(); ++k) {
    --it;
    if (!with_bare && is_bare(*it)) continue;
    if (offset < it->end) return &*it;
    if (offset == it->end && !after) after = &*it;
  }
  return after;
}

const Finding* finding_under(const Document& doc, Position pos, std::size_t offset, const Catalog& catalog, bool with_bare,
                             std::vector<Finding>& scratch) {
  // Once the whole document is scanned its findings answer; before, only the cursor's line is
  // scanned (a request never waits for the whole scan). The answer is the same: a line is
  // judged from itself alone. On a one-line log of 50 MB the line is the whole file.
  if (doc.findings_ready()) return finding_at(doc.findings(), offset, with_bare);
  scratch = scan_line_range(doc, pos.line, pos.line, catalog, with_bare);
  return finding_at(scratch, offset, with_bare);
}

std::vector<const Finding*> findings_touching(const Document& doc, Range lines, std::size_t b, std::size_t e, const Catalog& catalog,
                                              bool with_bare, std::vector<Finding>& scratch) {
  const std::vector<Finding>* from = &doc.findings();
  if (!doc.findings_ready()) {
    scratch = scan_line_range(doc, lines.start.line, lines.end.line, catalog, with_bare);
    from = &scratch;
  }
  // In document order, not overlapping: those touching [b, e] start after the last finding
  // that ends before b, which begins before b too.
  auto it = std::lower_bound(from->begin(), from->end(), b, [](const Finding& f, std::size_t at) { return f.begin < at; });
  while (it != from->begin() && std::prev(it)->end >= b) --it;
  std::vector<const Finding*> out;
  for (; it != from->end() && it->begin <= e; ++it)
    if (it->end >= b && (with_bare || !is_bare(*it))) out.push_back(&*it);
  return out;
}

std::vector<Finding> scan_line_range(const Document& doc, std::size_t first_line, std::size_t last_line, const Catalog& catalog,
                                     bool with_bare) {
  const auto& lines = doc.lines();
  if (first_line >= lines.line_count()) return {};
  last_line = std::min(last_line, lines.line_count() - 1);
  ScanResult r;
  scan_lines(doc.text(), lines.line_start(first_line), lines.next_line_start(last_line, doc.text().size()), catalog, r);
  // Verdicts are the line's own; what the document as a whole says is known once it has been
  // scanned — until then, only these lines speak.
  std::vector<Finding> out = resolve(r.judged, doc.findings_ready() ? doc.profile() : r.profile);
  if (!with_bare) std::erase_if(out, [](const Finding& f) { return is_bare(f); });
  return out;
}

}  // namespace winerr
