// completion.cpp — completion of catalog names (ERROR_IPSEC_…, WARNING_IPSEC_…, STATUS_IPSEC_…,
// FWP_E_… and a team catalog's own) in scripts, source and markdown: where a name is written
// by hand. Never in a log: a log is read, not typed.
//
// The typed word is the run of letters, digits and '_' that ends at the cursor. What it offers
// (completion_matches): first the names that start with the word, then the names whose parts
// hold every typed part (`ERROR_IPSEC_IKE_CERT` also offers ERROR_IPSEC_IKE_INVALID_CERT_TYPE),
// each group by code. The catalog is the document's folder's, so a team catalog's names come
// too.
#include <algorithm>
#include <string>
#include <vector>

#include "features.h"
#include "forms.h"

namespace winerr {

namespace {

// ASCII only, whatever the locale: a name is ASCII, and a byte of a UTF-8 sequence ends the word.
bool word_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }
char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) { return upper(a) == upper(b); });
}

// "ERROR_IPSEC_IKE_" -> {"ERROR", "IPSEC", "IKE"}: empty parts (a trailing or doubled '_')
// say nothing about the name.
std::vector<std::string_view> parts_of(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t b = 0; b <= s.size();) {
    std::size_t e = s.find('_', b);
    if (e == std::string_view::npos) e = s.size();
    if (e > b) out.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

// The first typed part starts the name's first part (the family word: ERROR, WARNING, STATUS,
// FWP), so a word that does not begin like a name (`IKE_CERT`, `result`) offers nothing; every
// other typed part starts one of the name's other parts, in any order, as a reader remembers
// the words of a name but not always their order.
bool parts_match(const std::vector<std::string_view>& typed, std::string_view name) {
  const std::vector<std::string_view> have = parts_of(name);
  if (typed.empty() || have.empty() || !istarts_with(have[0], typed[0])) return false;
  return std::all_of(typed.begin() + 1, typed.end(), [&](std::string_view t) {
    return std::any_of(have.begin() + 1, have.end(), [&](std::string_view h) { return istarts_with(h, t); });
  });
}

}  // namespace

// The official text as Markdown that renders as itself: a team catalog's text may hold '*',
// '_' or '<' (the embedded one has `ISAKMP/ERROR_IPSEC_IKE`), which would otherwise become
// emphasis or HTML. '#', '-', '+' and '>' are markup only where a line starts.
std::string markdown_literal(std::string_view s) {
  std::string out;
  bool line_start = true;
  for (char c : s) {
    const bool always = std::string_view("\\`*_[]<>~&|").find(c) != std::string_view::npos;
    const bool at_start = line_start && std::string_view("#-+>").find(c) != std::string_view::npos;
    if (always || at_start) out += '\\';
    out += c;
    if (c == '\n') line_start = true;
    else if (c != ' ') line_start = false;
  }
  return out;
}

std::size_t completion_word_start(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t b = offset;
  while (b > 0 && word_char(text[b - 1])) --b;
  return b;
}

std::vector<const Entry*> completion_matches(const Catalog& catalog, std::string_view word, std::size_t max, bool* capped) {
  if (capped) *capped = false;
  std::vector<const Entry*> out;
  // Two letters start too many names (and too many ordinary words) to be worth a list.
  if (word.size() < kCompletionMinWord) return out;
  std::vector<const Entry*> prefix, parts;
  const std::vector<std::string_view> typed = parts_of(word);
  for (const Entry& e : catalog.entries()) {
    if (istarts_with(e.name, word)) prefix.push_back(&e);
    else if (parts_match(typed, e.name)) parts.push_back(&e);
  }
  // By code, not by the catalog's order: a team catalog appends its entries at the end.
  auto by_code = [](const Entry* a, const Entry* b) { return key_of(*a) < key_of(*b); };
  std::sort(prefix.begin(), prefix.end(), by_code);
  std::sort(parts.begin(), parts.end(), by_code);
  out = std::move(prefix);
  out.insert(out.end(), parts.begin(), parts.end());
  if (out.size() > max) {
    out.resize(max);
    if (capped) *capped = true;
  }
  return out;
}

json completion(const Document& doc, Position pos, PositionEncoding enc, const Catalog& catalog, const ClientCaps& caps) {
  // A log is read, not written: a name offered there would be noise in the way of search.
  if (doc_kind(doc.language_id()) == DocKind::Log) return nullptr;
  if (pos.line >= doc.lines().line_count()) return nullptr;
  const std::size_t end = to_offset_clamped(doc.text(), doc.lines(), pos, enc);
  const std::size_t begin = completion_word_start(doc.text(), end);
  const std::string_view word = std::string_view(doc.text()).substr(begin, end - begin);
  bool capped = false;
  const std::vector<const Entry*> found = completion_matches(catalog, word, kMaxCompletions, &capped);
  // isIncomplete asks the client to ask again as the user types on. It must while a word is
  // too short to be answered yet, or when the cap cut names the client would otherwise never
  // see; else the list is whole and the client filters it itself.
  const bool incomplete = capped || word.size() < kCompletionMinWord;
  // Every item replaces the typed word, so a name typed in lower case comes out right.
  const json range = to_json(doc, begin, end, enc);
  json items = json::array();
  for (std::size_t i = 0; i < found.size(); ++i) {
    const Entry& e = *found[i];
    std::string text(e.message);
    // A range marker's official text is its own name: say what it is instead of repeating it.
    if (e.range_marker) text += " — a range marker, not a failure: it bounds a block of IKE codes in winerror.h.";
    const std::string name(e.name);
    // Win32: "13801 (0x35E9)", as a reader meets it in a log; NTSTATUS and FWP codes are
    // only ever written in hex.
    const std::string detail = e.family == Family::Win32 ? code_number(e) + " (" + hex4(e.value) + ")" : code_number(e);
    static_assert(kMaxCompletions <= 10000);
    std::string sort = std::to_string(i);  // "0007": 4 digits hold kMaxCompletions
    sort.insert(0, sort.size() < 4 ? 4 - sort.size() : 0, '0');
    items.push_back({{"label", name},
                     {"kind", 21},  // Constant
                     {"detail", detail},
                     {"documentation", caps.completion_markdown ? json{{"kind", "markdown"}, {"value", markdown_literal(text)}}
                                                                : json{{"kind", "plaintext"}, {"value", text}}},
                     // Clients sort by sortText (else by label): this keeps the order above.
                     {"sortText", sort},
                     {"filterText", name},
                     {"textEdit", {{"range", range}, {"newText", name}}}});
  }
  return {{"isIncomplete", incomplete}, {"items", std::move(items)}};
}

}  // namespace winerr
