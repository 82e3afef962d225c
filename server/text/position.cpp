// position.cpp — see position.h. All encoding arithmetic lives here.
#include "position.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "line_breaks.h"
#include "platform/platform.h"
#include "utf8.h"

namespace winerr {

std::string_view to_string(PositionEncoding e) {
  switch (e) {
    case PositionEncoding::Utf8: return "utf-8";
    case PositionEncoding::Utf16: return "utf-16";
    case PositionEncoding::Utf32: return "utf-32";
  }
  return "utf-16";
}

namespace {
// Length of the well-formed UTF-8 sequence at s[i], or 1 when it is malformed (then the
// byte stands for one U+FFFD, as json_input repairs it).
std::size_t sequence_length(std::string_view s, std::size_t i) {
  const std::size_t n = utf8::sequence_length(s, i);
  return n == 0 ? 1 : n;
}

std::size_t units_of(std::size_t seq_len, PositionEncoding enc) {
  switch (enc) {
    case PositionEncoding::Utf8: return seq_len;
    case PositionEncoding::Utf16: return seq_len == 4 ? 2 : 1;
    case PositionEncoding::Utf32: return 1;
  }
  return 1;
}
}  // namespace

LineIndex::LineIndex(std::string_view text) {
  // Room for lines of 40 bytes on average (a log's are longer): a 200 MB log's two million
  // starts are then written once, not copied at each doubling. Unused room is address space,
  // never touched, so never memory.
  starts_.reserve(text.size() / 40 + 16);
  // Huge pages for a big index (a 200 MB log: 16 MB of starts), asked before the first write.
  if (starts_.capacity() * sizeof(std::size_t) >= (std::size_t{4} << 20))
    platform::advise_huge_pages(starts_.data(), starts_.capacity() * sizeof(std::size_t));
  starts_.push_back(0);
  LineEnds ends(text);
  for (std::size_t e = ends.from(0); e < text.size(); e = ends.from(e + 1)) starts_.push_back(e + 1);
}

std::size_t LineIndex::content_end(std::string_view text, std::size_t line) const {
  if (line + 1 >= starts_.size()) return text.size();
  std::size_t e = starts_[line + 1] - 1;  // the "\n" or lone "\r" that ends the line
  if (text[e] == '\n' && e > starts_[line] && text[e - 1] == '\r') --e;
  return e;
}

std::size_t LineIndex::next_line_start(std::size_t line, std::size_t text_size) const {
  return line + 1 < starts_.size() ? starts_[line + 1] : text_size;
}

std::size_t LineIndex::line_of(std::size_t offset) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  return static_cast<std::size_t>(it - starts_.begin()) - 1;
}

void LineIndex::apply_edit(std::size_t begin, std::size_t end, std::string_view inserted, std::string_view new_text) {
  if (marks_) {  // (a moved-from index has none)
    const std::lock_guard<std::mutex> lock(marks_->mutex);
    marks_->lines.clear();
  }
  // Lines starting in (begin, end] were inside the replaced bytes: gone.
  auto first = std::upper_bound(starts_.begin(), starts_.end(), begin);
  auto last = std::upper_bound(first, starts_.end(), end);
  const auto delta = static_cast<std::ptrdiff_t>(inserted.size()) - static_cast<std::ptrdiff_t>(end - begin);
  for (auto it = last; it != starts_.end(); ++it) *it = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(*it) + delta);
  std::vector<std::size_t> added;
  // Breaks strictly inside the inserted text; the one at its end is a seam (below).
  for (std::size_t i = 0; i + 1 < inserted.size(); ++i)
    if (line_starts_at(new_text, begin + i + 1)) added.push_back(begin + i + 1);
  auto pos = starts_.erase(first, last);
  starts_.insert(pos, added.begin(), added.end());
  // The seams: the bytes on either side of `begin` and of the inserted text's end are new
  // neighbours ("\r" + "\n" may now be one line ending, or no longer one).
  for (std::size_t p : {begin, begin + inserted.size()}) {
    if (p == 0 || p > new_text.size()) continue;
    auto it = std::lower_bound(starts_.begin(), starts_.end(), p);
    const bool present = it != starts_.end() && *it == p;
    const bool wanted = line_starts_at(new_text, p);
    if (wanted && !present) starts_.insert(it, p);
    else if (!wanted && present) starts_.erase(it);
  }
}

namespace {
// Whether the 8 bytes at p are all ASCII (one unit each in every encoding): long lines are
// walked 8 bytes at a time.
bool ascii8(const char* p) {
  std::uint64_t x;
  std::memcpy(&x, p, 8);
  return (x & 0x8080808080808080ull) == 0;
}
}  // namespace

std::size_t count_units(std::string_view s, PositionEncoding enc) {
  if (enc == PositionEncoding::Utf8) return s.size();
  std::size_t units = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (i + 8 <= s.size() && ascii8(s.data() + i)) {
      units += 8;
      i += 8;
      continue;
    }
    if (static_cast<unsigned char>(s[i]) < 0x80) {  // ASCII, most of any log: one unit in every encoding
      ++units;
      ++i;
      continue;
    }
    std::size_t len = sequence_length(s, i);
    units += units_of(len, enc);
    i += len;
  }
  return units;
}

std::shared_ptr<const std::vector<LineMark>> LineIndex::marks(std::string_view text, std::size_t line, PositionEncoding enc) const {
  const std::size_t start = line_start(line), end = content_end(text, line);
  if (!marks_ || enc == PositionEncoding::Utf8 || end - start < kMarkedLine) return nullptr;
  const std::lock_guard<std::mutex> lock(marks_->mutex);
  for (const Marks::Line& l : marks_->lines)
    if (l.line == line && l.enc == enc) return l.marks;
  // One walk of the line, as count_units walks it (so every mark is where it puts a character).
  auto made = std::make_shared<std::vector<LineMark>>();
  made->push_back({start, 0});
  std::size_t i = start, units = 0, next = start + kMarkBytes;
  while (i < end) {
    if (i >= next) {
      made->push_back({i, units});
      next = i + kMarkBytes;
    }
    if (i + 8 <= end && ascii8(text.data() + i)) {
      units += 8;
      i += 8;
      continue;
    }
    const std::size_t len = sequence_length(text, i);
    units += units_of(len, enc);
    i += len;
  }
  if (marks_->lines.size() == 4) marks_->lines.erase(marks_->lines.begin());
  marks_->lines.push_back({line, enc, made});
  return made;
}

Position to_position(std::string_view text, const LineIndex& index, std::size_t offset, PositionEncoding enc) {
  offset = std::min(offset, text.size());
  std::size_t line = index.line_of(offset);
  std::size_t start = index.line_start(line), units = 0;
  if (offset - start >= LineIndex::kMarkBytes)
    if (const auto marks = index.marks(text, line, enc)) {
      const auto m = std::prev(std::upper_bound(marks->begin(), marks->end(), offset,
                                                [](std::size_t o, const LineMark& k) { return o < k.offset; }));
      start = m->offset;
      units = m->units;
    }
  return {static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(units + count_units(text.substr(start, offset - start), enc))};
}

namespace {
// Walks line `line` until `character` units; returns the offset, whether it landed exactly
// on a character boundary, and whether the character was within the line.
struct Walk { std::size_t offset; bool exact; bool in_line; };
Walk walk(std::string_view text, const LineIndex& index, std::size_t line, std::uint32_t character, PositionEncoding enc) {
  std::size_t i = index.line_start(line);
  const std::size_t end = index.content_end(text, line);
  std::size_t units = 0;
  if (character >= LineIndex::kMarkBytes / 4)
    if (const auto marks = index.marks(text, line, enc)) {  // from the last mark before it
      const auto m = std::prev(std::upper_bound(marks->begin(), marks->end(), std::size_t{character},
                                                [](std::size_t c, const LineMark& k) { return c < k.units; }));
      i = m->offset;
      units = m->units;
    }
  while (units < character) {
    if (i + 8 <= end && units + 8 <= character && ascii8(text.data() + i)) {
      units += 8;
      i += 8;
      continue;
    }
    if (i >= end) return {end, true, false};
    std::size_t len = sequence_length(text, i);
    std::size_t u = units_of(len, enc);
    if (units + u > character) return {i, false, true};  // inside a character
    units += u;
    i += len;
  }
  return {i, true, true};
}
}  // namespace

ClampedOffset to_offset(std::string_view text, const LineIndex& index, Position pos, PositionEncoding enc) {
  if (pos.line >= index.line_count()) return {text.size(), pos.line == index.line_count() && pos.character == 0};
  Walk w = walk(text, index, pos.line, pos.character, enc);
  return {w.offset, w.exact && w.in_line};
}

std::optional<std::size_t> to_offset_strict(std::string_view text, const LineIndex& index, Position pos,
                                            PositionEncoding enc) {
  const ClampedOffset r = to_offset(text, index, pos, enc);
  if (!r.exact) return std::nullopt;
  return r.offset;
}

std::size_t to_offset_clamped(std::string_view text, const LineIndex& index, Position pos, PositionEncoding enc) {
  return to_offset(text, index, pos, enc).offset;
}

}  // namespace winerr
