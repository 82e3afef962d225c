// fuzz_document_edits — random incremental edit sequences on winerr::Document, checked after
// every apply() against a plain model: the text the same edits give when positions are
// resolved by the rules of document.h (written again here, simply), a fresh LineIndex of
// that text, and the findings of a full rescan. Text, line starts and findings must match.
//
// The model's rules (document.h, position.h; LSP):
//  - lines end at "\n", "\r\n" or a lone "\r"; the ending is not part of the line's content;
//  - a line past the last line → the end of the document;
//  - a character past the end of the line's content → the end of the content;
//  - a character inside a character (between the halves of a surrogate pair, inside a UTF-8
//    sequence with utf-8 positions) → that character's start;
//  - units: utf-8 bytes; utf-16: 2 for a 4-byte sequence, else 1; utf-32: 1. A malformed byte
//    (not part of a well-formed sequence; C0/C1 leads, overlong forms, surrogates and code
//    points past U+10FFFF are malformed) is one unit of one byte;
//  - an inverted range is swapped; any version is taken.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "catalog.h"
#include "document.h"
#include "fuzz_text.h"
#include "position.h"
#include "scanner.h"

namespace {

using winerr::PositionEncoding;

std::vector<std::size_t> line_starts(const std::string& t) {
  std::vector<std::size_t> s{0};
  for (std::size_t i = 0; i < t.size(); ++i)
    if (t[i] == '\n' || (t[i] == '\r' && (i + 1 == t.size() || t[i + 1] != '\n'))) s.push_back(i + 1);
  return s;
}

// Bytes of the character at i: a well-formed UTF-8 sequence, or 1 for a malformed byte.
std::size_t char_len(const std::string& t, std::size_t i) {
  const unsigned char b = static_cast<unsigned char>(t[i]);
  std::size_t n = b < 0x80 ? 1 : (b >= 0xC2 && b <= 0xDF) ? 2 : (b >= 0xE0 && b <= 0xEF) ? 3 : (b >= 0xF0 && b <= 0xF7) ? 4 : 0;
  if (n <= 1) return 1;
  if (i + n > t.size()) return 1;
  std::uint32_t cp = b & (0xFF >> (n + 1));
  for (std::size_t k = 1; k < n; ++k) {
    const unsigned char c = static_cast<unsigned char>(t[i + k]);
    if ((c >> 6) != 2) return 1;
    cp = (cp << 6) | (c & 0x3F);
  }
  // RFC 3629, as winerr's utf8.h: overlong forms, surrogates and past U+10FFFF are malformed.
  if (cp > 0x10FFFF || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || (cp >= 0xD800 && cp <= 0xDFFF)) return 1;
  return n;
}

std::size_t units(std::size_t len, PositionEncoding enc) {
  if (enc == PositionEncoding::Utf8) return len;
  if (enc == PositionEncoding::Utf16) return len == 4 ? 2 : 1;
  return 1;
}

std::size_t model_offset(const std::string& t, winerr::Position p, PositionEncoding enc) {
  const auto starts = line_starts(t);
  if (p.line >= starts.size()) return t.size();
  std::size_t i = starts[p.line];
  std::size_t end = p.line + 1 < starts.size() ? starts[p.line + 1] - 1 : t.size();  // at the ending
  if (p.line + 1 < starts.size() && t[end] == '\n' && end > starts[p.line] && t[end - 1] == '\r') --end;
  std::size_t u = 0;
  while (i < end) {
    const std::size_t len = char_len(t, i);
    const std::size_t w = units(len, enc);
    if (u + w > p.character) break;  // p is here, or inside this character
    u += w;
    i += len;
  }
  return i;
}

[[noreturn]] void fail(const std::string& what, const std::string& model, const winerr::Document& doc) {
  auto esc = [](const std::string& s) {
    std::string o;
    for (unsigned char c : s) {
      char b[8];
      if (c >= 0x20 && c < 0x7F && c != '\\') o += static_cast<char>(c);
      else { std::snprintf(b, sizeof b, "\\x%02x", c); o += b; }
    }
    return o;
  };
  std::fprintf(stderr, "fuzz_document_edits: %s\nmodel:    \"%s\"\ndocument: \"%s\"\n", what.c_str(), esc(model).c_str(),
               esc(doc.text()).c_str());
  std::abort();
}

bool same(const winerr::Finding& a, const winerr::Finding& b) {
  return a.begin == b.begin && a.end == b.end && a.entry == b.entry && a.form == b.form && a.confidence == b.confidence && a.why == b.why && a.cue_offset == b.cue_offset && a.cue_length == b.cue_length;
}

std::string piece(FuzzedDataProvider& p) {
  if (p.ConsumeBool()) return fuzztext::compose(p, 6);
  return p.ConsumeBytesAsString(p.ConsumeIntegralInRange<std::size_t>(0, 4));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const winerr::Catalog& cat = winerr::Catalog::embedded();
  FuzzedDataProvider p(data, size);
  const PositionEncoding enc = p.PickValueInArray({PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32});
  std::string model = fuzztext::compose(p, 24);
  winerr::Document doc("file:///fuzz.log", 1, model);
  doc.set_scan(winerr::scan_verdicts(doc.text(), cat));

  for (int step = 0; step < 16 && p.remaining_bytes() > 0; ++step) {
    const std::int64_t version = p.ConsumeIntegralInRange<std::int64_t>(-2, 40);
    std::vector<winerr::TextChange> changes(p.ConsumeIntegralInRange<std::size_t>(1, 3));
    for (auto& c : changes) {
      if (p.ConsumeIntegralInRange<int>(0, 15) == 0) {
        c.text = fuzztext::compose(p, 12);
        model = c.text;
        continue;
      }
      const std::size_t nlines = line_starts(model).size();
      auto pos = [&] {
        winerr::Position q;
        q.line = p.ConsumeIntegralInRange<int>(0, 9) == 0 ? p.ConsumeIntegral<std::uint32_t>()
                                                          : p.ConsumeIntegralInRange<std::uint32_t>(0, static_cast<std::uint32_t>(nlines));
        q.character = p.ConsumeIntegralInRange<int>(0, 9) == 0 ? p.ConsumeIntegral<std::uint32_t>()
                                                               : p.ConsumeIntegralInRange<std::uint32_t>(0, 24);
        return q;
      };
      winerr::Range r{pos(), pos()};
      c.range = r;
      c.text = piece(p);
      std::size_t b = model_offset(model, r.start, enc), e = model_offset(model, r.end, enc);
      if (b > e) std::swap(b, e);
      model.replace(b, e - b, c.text);
    }
    doc.apply(version, changes, enc, cat);
    if (!doc.findings_ready()) doc.set_scan(winerr::scan_verdicts(doc.text(), cat));  // as the server's scan thread does

    if (doc.text() != model) fail("text differs after step " + std::to_string(step), model, doc);
    const winerr::LineIndex fresh(model);
    if (doc.lines().line_count() != fresh.line_count()) fail("line count differs", model, doc);
    for (std::size_t l = 0; l < fresh.line_count(); ++l)
      if (doc.lines().line_start(l) != fresh.line_start(l)) fail("line start " + std::to_string(l) + " differs", model, doc);
    if (fresh.line_count() != line_starts(model).size()) fail("LineIndex disagrees with the model's line ends", model, doc);
    const auto want = winerr::scan(model, cat, /*with_bare=*/true);
    const auto& got = doc.findings();
    bool ok = got.size() == want.size();
    for (std::size_t k = 0; ok && k < got.size(); ++k) ok = same(got[k], want[k]);
    if (!ok)
      fail("findings differ from a full rescan (" + std::to_string(got.size()) + " vs " + std::to_string(want.size()) + ")",
           model, doc);
  }
  return 0;
}
