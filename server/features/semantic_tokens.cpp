// semantic_tokens.cpp — textDocument/semanticTokens for logs and plain text: the codes the
// diagnostics show, and the log's own status words, as tokens a theme colours. See
// features.h for the legend and the rules; the session keeps the last result per document
// for full/delta.
#include <algorithm>
#include <bit>
#include <cstring>

#include "features.h"
#include "policy.h"

namespace winerr {

namespace {

// A byte that continues a word. Bytes of UTF-8 sequences count too, so "ÉERROR" is one word
// and not the status word ERROR.
bool word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

struct Marker {
  std::string_view word;
  std::uint32_t modifier;
};
constexpr Marker kMarkers[] = {
    {"ERROR", kTokenError},     {"FAILED", kTokenError}, {"FAIL", kTokenError},
    {"FAILURE", kTokenError},   {"WARNING", kTokenWarning}, {"WARN", kTokenWarning},
};

// The marker a word is, or null. `any_case`: the word fills a pair of brackets ("[error]").
const Marker* marker_of(std::string_view w, bool any_case) {
  if (w.size() < 4 || w.size() > 7) return nullptr;  // the shortest and longest marker words
  for (const Marker& m : kMarkers) {
    if (m.word.size() != w.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < w.size() && same; ++i) same = (any_case ? upper(w[i]) : w[i]) == m.word[i];
    if (same) return &m;
  }
  return nullptr;
}

std::uint32_t modifier_of(int severity) {
  switch (severity) {
    case 1: return kTokenError;
    case 2: return kTokenWarning;
    case 3: return kTokenInformation;
    default: return kTokenHint;
  }
}

SemanticToken code_token(const Finding& f, int severity) {
  // The symbolic name is a named constant; every other spelling is a number.
  return {f.begin, f.end, f.form == Form::Name ? kTokenEnumMember : kTokenNumber, modifier_of(severity)};
}

}  // namespace

json semantic_tokens_legend() {
  // The order is the index each token's type and modifier bit refer to (kToken* in features.h).
  return {{"tokenTypes", json::array({"number", "enumMember", "keyword"})},
          {"tokenModifiers", json::array({"error", "warning", "information", "hint"})}};
}

bool has_semantic_tokens(const Document& doc) {
  // Only logs and plain text: they have no highlighting of their own. A script, source file or
  // markdown has its language's highlighting (a number there is already coloured as a number),
  // and tokens of ours would fight it — recolouring `13801` in `if ($r -eq 13801)` as an error
  // where the script merely handles the code.
  return doc_kind(doc.language_id()) == DocKind::Log;
}

void add_status_markers(std::string_view text, std::size_t begin, std::size_t end, std::vector<SemanticToken>& out,
                        std::size_t max) {
  end = std::min(end, text.size());
  std::size_t done = begin;  // bytes before it belong to a word already read
  // A status word starts with E, F or W, or follows '['; the byte at p is looked at closer
  // only if it is one of those four.
  auto visit = [&](std::size_t p) {
    if (p < done) return;
    const char c = text[p];
    if (c != 'E' && c != 'F' && c != 'W' && c != '[') return;
    const std::size_t w = c == '[' ? p + 1 : p;  // where the word starts
    if (w >= end) return;                          // "[" as the last byte: its word starts after
    if (c != '[' && w > 0 && word_byte(static_cast<unsigned char>(text[w - 1]))) return;  // inside a word
    // The word, read whole even past `end`; its first 8 bytes tell that it is longer than any
    // status word.
    std::size_t j = w;
    while (j < text.size() && j - w <= 7 && word_byte(static_cast<unsigned char>(text[j]))) ++j;
    const bool longer = j < text.size() && word_byte(static_cast<unsigned char>(text[j]));
    const bool bracketed = w > 0 && text[w - 1] == '[' && j < text.size() && text[j] == ']';
    if (!longer)
      if (const Marker* m = marker_of(text.substr(w, j - w), bracketed)) out.push_back({w, j, kTokenKeyword, m->modifier});
    done = j;
  };
  std::size_t i = begin;
#if defined(__GNUC__)  // GCC and Clang, every compiler this builds with (else: byte by byte)
  if constexpr (std::endian::native == std::endian::little) {
    // Sixteen bytes at a time (SSE2, NEON): a lane per byte, all ones where it is one of the
    // four, so the bytes between candidates cost next to nothing. Measured here on
    // bench/make_log.sh's log: 3.8 GB/s, against 1.7 GB/s eight bytes at a time in a uint64,
    // which matters as a full request reads the whole log (10 ms for 40 MB).
    using Bytes = unsigned char __attribute__((vector_size(16)));
    constexpr std::uint64_t kHighs = 0x8080808080808080ull;  // one bit per lane
    if (out.size() >= max) return;
    for (; i + 16 <= end; i += 16) {
      Bytes x;
      std::memcpy(&x, text.data() + i, 16);
      const auto hit = (x == 'E') | (x == 'F') | (x == 'W') | (x == '[');
      std::uint64_t half[2];
      std::memcpy(half, &hit, 16);
      if (((half[0] | half[1]) & kHighs) == 0) continue;
      for (std::size_t h = 0; h < 2; ++h)
        for (std::uint64_t m = half[h] & kHighs; m != 0; m &= m - 1) visit(i + h * 8 + static_cast<std::size_t>(std::countr_zero(m)) / 8);
      if (out.size() >= max) return;
    }
  }
#endif
  for (; i < end && out.size() < max; ++i) visit(i);
}

std::vector<std::uint32_t> encode_semantic_tokens(std::string_view text, const LineIndex& lines,
                                                  const std::vector<SemanticToken>& tokens, PositionEncoding enc) {
  std::vector<std::uint32_t> data;
  data.reserve(tokens.size() * 5);
  std::size_t prev_line = 0, prev_char = 0;
  // Where the last token started, as a byte and as a character of its line: the next token
  // of the same line is counted on from there, so a line holding many tokens is read once.
  std::size_t cur_line = static_cast<std::size_t>(-1), cur_byte = 0, cur_char = 0;
  std::size_t last_end = 0;
  for (const SemanticToken& t : tokens) {
    if (t.end <= t.begin || t.end > text.size() || t.begin < last_end) continue;  // empty, outside, or overlapping
    const std::string_view tok = text.substr(t.begin, t.end - t.begin);
    // A token never spans lines (a client need not take multi-line tokens). None of ours can;
    // this keeps it so whatever a future token is.
    if (tok.find_first_of("\r\n") != std::string_view::npos) continue;
    // Tokens come in order: the line is looked up only when a token is past the current one.
    const bool same_line = cur_line != static_cast<std::size_t>(-1) && t.begin < lines.next_line_start(cur_line, text.size());
    const std::size_t line = same_line ? cur_line : lines.line_of(t.begin);
    if (line != cur_line) {
      cur_line = line;
      cur_byte = lines.line_start(line);
      cur_char = 0;
    }
    cur_char += count_units(text.substr(cur_byte, t.begin - cur_byte), enc);
    cur_byte = t.begin;
    const std::size_t delta_line = line - prev_line;
    data.push_back(static_cast<std::uint32_t>(delta_line));
    data.push_back(static_cast<std::uint32_t>(delta_line == 0 ? cur_char - prev_char : cur_char));
    data.push_back(static_cast<std::uint32_t>(count_units(tok, enc)));
    data.push_back(t.type);
    data.push_back(t.modifiers);
    prev_line = line;
    prev_char = cur_char;
    last_end = t.end;
  }
  return data;
}

std::vector<SemanticToken> semantic_token_list(const Document& doc, const std::vector<Finding>& findings, const Policy& policy,
                                               const Catalog& catalog, std::size_t begin, std::size_t end, bool markers,
                                               std::size_t max) {
  std::vector<SemanticToken> out;
  const std::string_view text(doc.text());
  end = std::min(end, text.size());
  if (!has_semantic_tokens(doc) || begin >= end || max == 0) return out;

  // The codes: the findings here as the diagnostics show them (visible_findings: ignore,
  // forms, decimals, showPossible, severity "off", suppression comments). Findings are in
  // document order and never overlap, so both ends are found by binary search; no more than
  // `max` are judged, as no more could be sent. The one before is judged too, as the first one
  // here may be its second spelling (which it colours).
  const auto lo = std::lower_bound(findings.begin(), findings.end(), begin, [](const Finding& f, std::size_t b) { return f.end <= b; });
  const auto hi = std::lower_bound(lo, findings.end(), end, [](const Finding& f, std::size_t e) { return f.begin < e; });
  const std::size_t first = static_cast<std::size_t>(lo - findings.begin()), last = static_cast<std::size_t>(hi - findings.begin());
  const DocKind kind = doc_kind(doc.language_id());
  std::vector<SemanticToken> codes;
  auto add = [&](const SemanticToken& t) {
    if (t.end > begin) codes.push_back(t);  // not the one before
  };
  for (const Visible& v : visible_findings(doc, findings, policy, catalog, first > 0 ? first - 1 : 0, last, max + 1)) {
    const std::size_t i = static_cast<std::size_t>(v.finding - findings.data());
    add(code_token(*v.finding, v.severity));
    // `13801(ERROR_IPSEC_IKE_AUTH_FAIL)` is one mention and one diagnostic, but both of its
    // spellings are coloured, alike: a name left plain beside its coloured number would read
    // as something else. It stays plain when the settings hide its own form.
    if (i + 1 < last && repeats_mention(findings, i + 1) && policy.severity(findings[i + 1], kind))
      add(code_token(findings[i + 1], v.severity));
  }

  // The status words that reach into the range: from the start of the word (or of the
  // "[word]") that `begin` falls in. At most `max`: more could never be sent.
  std::vector<SemanticToken> words;
  if (markers) {
    std::size_t from = begin;
    while (from > 0 && word_byte(static_cast<unsigned char>(text[from - 1]))) --from;
    if (from > 0 && text[from - 1] == '[') --from;
    // Past the code that fills the cap, no word could be sent: the scan stops there.
    const std::size_t until = codes.size() >= max ? codes[max - 1].end : end;
    add_status_markers(text, from, until, words, max);
  }
  // The two lists merged in document order; a token overlapping the one before is dropped
  // (none does: a status word is a whole word, and no code spelling is part of one or holds one).
  std::size_t c = 0, m = 0;
  while (out.size() < max && (c < codes.size() || m < words.size())) {
    const bool code_first = c < codes.size() && (m >= words.size() || codes[c].begin <= words[m].begin);
    const SemanticToken& t = code_first ? codes[c++] : words[m++];
    if (out.empty() || t.begin >= out.back().end) out.push_back(t);
  }
  return out;
}

json semantic_tokens_edits(const std::vector<std::uint32_t>& before, const std::vector<std::uint32_t>& after) {
  // One edit: what lies between the longest common prefix and the longest common suffix (the
  // suffix never reaching into the prefix). An edit of a log shifts the tokens after it by a
  // line or none, so this stays small; equal arrays need no edit at all.
  std::size_t prefix = 0;
  const std::size_t shorter = std::min(before.size(), after.size());
  while (prefix < shorter && before[prefix] == after[prefix]) ++prefix;
  if (prefix == before.size() && prefix == after.size()) return json::array();
  std::size_t suffix = 0;
  while (suffix < shorter - prefix && before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix]) ++suffix;
  json data = json::array();
  for (std::size_t i = prefix; i < after.size() - suffix; ++i) data.push_back(after[i]);
  return json::array({{{"start", prefix}, {"deleteCount", before.size() - prefix - suffix}, {"data", std::move(data)}}});
}

}  // namespace winerr
