// position.h — the one place that turns byte offsets into LSP positions and back.
//
// LSP counts `character` in the negotiated encoding: UTF-16 code units by default, UTF-8
// bytes or UTF-32 code points when negotiated. Everything else in winerr-ls speaks bytes.
// Rules (all tested with emoji and CJK in tests/unit/test_position.cpp):
//  - a 4-byte UTF-8 sequence (U+10000 and up) is TWO UTF-16 units (a surrogate pair), one
//    UTF-32 unit, four UTF-8 units; never approximate UTF-16 by counting code points;
//  - a malformed byte counts as one unit in every encoding (as if it were U+FFFD, which
//    is what editors display), so invalid UTF-8 can never make a position go wrong twice;
//  - lines end at "\n", "\r\n" or a lone "\r" (the LSP spec's three line endings); the
//    line ending is not part of the line's content.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace winerr {

enum class PositionEncoding { Utf8, Utf16, Utf32 };
std::string_view to_string(PositionEncoding);

struct Position {
  std::uint32_t line = 0;
  std::uint32_t character = 0;
  bool operator==(const Position&) const = default;
};

// A place on a long line where a character starts, and how many units of an encoding lie
// before it on the line.
struct LineMark {
  std::size_t offset = 0;
  std::size_t units = 0;
};

// Byte offsets of line starts. Updated in place on edits: the text after an edit is not
// re-read, only the inserted bytes are.
class LineIndex {
 public:
  LineIndex() : starts_{0} {}
  explicit LineIndex(std::string_view text);
  // A copy starts with no marks (they are a cache).
  LineIndex(const LineIndex& o) : starts_(o.starts_) {}
  LineIndex& operator=(const LineIndex& o) {
    starts_ = o.starts_;
    marks_ = std::make_unique<Marks>();
    return *this;
  }
  LineIndex(LineIndex&&) = default;
  LineIndex& operator=(LineIndex&&) = default;

  // Marks every kMarkBytes along a line of at least kMarkedLine bytes, for UTF-16 and UTF-32
  // positions: one far into a one-line log is then counted from the nearest mark (at most 4
  // KiB away), not from the line's start. Worked out on first use, kept for the last few
  // lines asked about, dropped by an edit. Null for a shorter line.
  static constexpr std::size_t kMarkBytes = std::size_t{1} << 12;
  static constexpr std::size_t kMarkedLine = std::size_t{1} << 16;
  std::shared_ptr<const std::vector<LineMark>> marks(std::string_view text, std::size_t line, PositionEncoding enc) const;

  std::size_t line_count() const { return starts_.size(); }
  std::size_t line_start(std::size_t line) const { return starts_[line]; }
  // End of the line's content (before "\n" or "\r\n"), given the text.
  std::size_t content_end(std::string_view text, std::size_t line) const;
  // One past the line's '\n' (the next line's start), or text.size() for the last line.
  std::size_t next_line_start(std::size_t line, std::size_t text_size) const;
  std::size_t line_of(std::size_t offset) const;

  // The text had [begin, end) replaced by `inserted`, giving `new_text` (read only next to
  // the two seams, where a "\r" and a "\n" may have been joined or split).
  void apply_edit(std::size_t begin, std::size_t end, std::string_view inserted, std::string_view new_text);

 private:
  std::vector<std::size_t> starts_;
  struct Marks {
    std::mutex mutex;  // hovers and publishing may ask from different threads
    struct Line {
      std::size_t line;
      PositionEncoding enc;
      std::shared_ptr<const std::vector<LineMark>> marks;
    };
    std::vector<Line> lines;  // newest last, at most 4
  };
  std::unique_ptr<Marks> marks_ = std::make_unique<Marks>();
};

// How many units of `enc` the UTF-8 bytes `s` take.
std::size_t count_units(std::string_view s, PositionEncoding enc);

Position to_position(std::string_view text, const LineIndex& index, std::size_t offset, PositionEncoding enc);

// Strict: nullopt when the line does not exist, the character is past the line's end, or
// it falls inside a character (between the two halves of a surrogate pair). The position
// just past the last line (line == line_count, character 0) is accepted as the end of text.
std::optional<std::size_t> to_offset_strict(std::string_view text, const LineIndex& index, Position pos,
                                            PositionEncoding enc);
// Clamped as the LSP spec says, and whether no clamping was needed (for edits, which apply
// the clamped offset and log when it differs): one walk of the line.
struct ClampedOffset {
  std::size_t offset;
  bool exact;  // the position was inside the text and on a character boundary
};
ClampedOffset to_offset(std::string_view text, const LineIndex& index, Position pos, PositionEncoding enc);
// Lenient (for hover and friends): clamps to the line and the text.
std::size_t to_offset_clamped(std::string_view text, const LineIndex& index, Position pos, PositionEncoding enc);

}  // namespace winerr
