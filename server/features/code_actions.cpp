// code_actions.cpp — rewrite a code in another spelling of the SAME number.
//
// A rewrite must never change what a script or program does: 13801 ⇄ 0x35E9, and
// 0x800735E9 ⇄ -2147011095 (the HRESULT as a signed 32-bit integer), never 0x800735E9 →
// 13801. The symbolic name only where the language defines it (C and C++ with winerror.h:
// ERROR_… is the Win32 value, HRESULT_FROM_WIN32(ERROR_…) the HRESULT, FWP_E_… and STATUS_…
// their own values). Logs and plain text get no rewrites: nobody edits a log.
//
// The actions come from the document as it is now, not from Diagnostic.data: the server scans
// the requested lines itself, so a stale diagnostic (the text moved since) can never rewrite
// the wrong bytes, and a code without a diagnostic (past the cap, a hidden Hint) still gets
// its actions. Every code, in a log too, also gets "Explain 13801 (ERROR_…)" (explain.cpp).
#include <algorithm>

#include "features.h"
#include "forms.h"
#include "jsonrpc.h"

namespace winerr {

namespace {

bool is_plain_text(const std::string& language) {
  return language.empty() || language == "log" || language == "plaintext" || language == "Log" || language == "text";
}
bool is_c_family(const std::string& language) {
  return language == "c" || language == "cpp" || language == "objective-c" || language == "objective-cpp" ||
         language == "cuda-cpp";
}

// The 32-bit number a numeric token denotes.
std::uint32_t number_of(const Finding& f) {
  const Entry& e = *f.entry;
  switch (f.form) {
    case Form::Decimal:
    case Form::Hex: return e.value;  // Win32: the code; NTSTATUS/FWP: the full status
    case Form::Hresult:
    case Form::HresultDecimal: return e.family == Family::Win32 ? e.hresult() : e.value;
    case Form::Name: break;
  }
  return 0;
}

struct Rewrite {
  std::string title, text;
};

std::vector<Rewrite> rewrites(const Finding& f, const std::string& language) {
  std::vector<Rewrite> out;
  const Entry& e = *f.entry;
  auto add = [&](std::string text) { out.push_back({"Replace with " + text, std::move(text)}); };
  if (f.form == Form::Name) {
    // The name is a string or comment outside C; in C it is the value. Either way the number
    // below is what the name stands for.
    if (e.family == Family::Win32) add(std::to_string(e.value));
    else add(hex8(e.value));
    return out;
  }
  const std::uint32_t n = number_of(f);
  if (n < 0x80000000u) {
    if (f.form != Form::Decimal) add(std::to_string(n));
    if (f.form != Form::Hex) add(n <= 0xFFFF ? hex4(n) : hex8(n));
  } else {
    if (f.form != Form::Hresult && f.form != Form::Hex) add(hex8(n));
    if (f.form != Form::HresultDecimal) add(std::to_string(static_cast<std::int32_t>(n)));
  }
  if (is_c_family(language)) {
    if (e.family == Family::Win32 && (f.form == Form::Decimal || f.form == Form::Hex)) add(std::string(e.name));
    else if (e.family == Family::Win32) add("HRESULT_FROM_WIN32(" + std::string(e.name) + ")");
    else add(std::string(e.name));
  }
  return out;
}

}  // namespace

json code_actions(const Document& doc, const json& params, const Catalog& catalog, PositionEncoding enc, const ClientCaps& caps,
                  bool bare_decimals, const std::filesystem::path& folder_root) {
  json out = json::array();
  const Range range = range_from_json(rpc::field(params, "range", "range"));
  const json& ctx = rpc::object_field(params, "context", "context");
  const bool rewrites_allowed = !is_plain_text(doc.language_id());  // nobody edits a log
  const std::size_t b = to_offset_clamped(doc.text(), doc.lines(), range.start, enc);
  const std::size_t e = to_offset_clamped(doc.text(), doc.lines(), range.end, enc);
  const json diags = ctx.contains("diagnostics") && ctx["diagnostics"].is_array() ? ctx["diagnostics"] : json::array();
  std::vector<const Entry*> explained;
  std::vector<Finding> scratch;
  // Touching the range counts: a cursor right after a token.
  for (const Finding* found : findings_touching(doc, range, b, e, catalog, bare_decimals, scratch)) {
    const Finding& f = *found;
    const json where = to_json(doc, f.begin, f.end, enc);
    // The client's diagnostics for exactly this token, so the editor links action and squiggle.
    json fixes = json::array();
    for (const json& d : diags)
      if (d.is_object() && d.value("source", "") == "winerr" && d.contains("range") && d["range"] == where) fixes.push_back(d);
    for (const Rewrite& r : rewrites_allowed ? rewrites(f, doc.language_id()) : std::vector<Rewrite>{}) {
      json edit = json::array({{{"range", where}, {"newText", r.text}}});
      json workspace_edit;
      if (caps.document_changes)
        // Versioned: the client refuses it if the document changed since.
        workspace_edit = {{"documentChanges", json::array({{{"textDocument", {{"uri", doc.uri()}, {"version", doc.version()}}},
                                                            {"edits", edit}}})}};
      else
        workspace_edit = {{"changes", {{doc.uri(), edit}}}};
      json action = {{"title", r.title}, {"kind", "refactor.rewrite"}, {"edit", workspace_edit}};
      if (!fixes.empty()) action["diagnostics"] = fixes;
      out.push_back(std::move(action));
    }
    // One "Explain" per code, after that token's rewrites (13801(ERROR_…) is one mention).
    if (std::find(explained.begin(), explained.end(), f.entry) == explained.end()) {
      explained.push_back(f.entry);
      out.push_back(explain_action(*f.entry, fixes));
      add_ignore_actions(doc, f, folder_root, catalog, enc, caps, fixes, out);
    }
  }
  return out;
}

}  // namespace winerr
