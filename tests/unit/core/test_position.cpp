// Position encodings: UTF-16 surrogate pairs (emoji), CJK, UTF-8 and UTF-32, invalid bytes.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "position.h"

using namespace winerr;

TEST_CASE("position: units per encoding") {
  CHECK(count_units("abc", PositionEncoding::Utf16) == 3);
  CHECK(count_units("日本", PositionEncoding::Utf16) == 2);  // 3 bytes each, BMP
  CHECK(count_units("日本", PositionEncoding::Utf8) == 6);
  CHECK(count_units("😀", PositionEncoding::Utf16) == 2);   // surrogate pair
  CHECK(count_units("😀", PositionEncoding::Utf32) == 1);
  CHECK(count_units("😀", PositionEncoding::Utf8) == 4);
  CHECK(count_units("\xff\xfe", PositionEncoding::Utf16) == 2);  // each invalid byte is one U+FFFD
  CHECK(count_units("\xe6\x97", PositionEncoding::Utf16) == 2);  // truncated sequence
}

TEST_CASE("position: a code after emoji and CJK, in every encoding") {
  std::string text = "first line\n日本 😀 error 13801\n";
  LineIndex idx(text);
  REQUIRE(idx.line_count() == 3);
  const std::size_t off = text.find("13801");
  // 日本(2) space(1) 😀(2 in UTF-16) space(1) "error "(6) = 12
  CHECK(to_position(text, idx, off, PositionEncoding::Utf16) == Position{1, 12});
  CHECK(to_position(text, idx, off, PositionEncoding::Utf32) == Position{1, 11});
  CHECK(to_position(text, idx, off, PositionEncoding::Utf8) == Position{1, 18});
  for (auto enc : {PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32}) {
    auto p = to_position(text, idx, off, enc);
    auto back = to_offset_strict(text, idx, p, enc);
    REQUIRE(back);
    CHECK(*back == off);
  }
}

TEST_CASE("position: strict conversion refuses what does not exist") {
  std::string text = "ab😀c\nx";
  LineIndex idx(text);
  CHECK_FALSE(to_offset_strict(text, idx, {0, 3}, PositionEncoding::Utf16));  // inside the surrogate pair
  CHECK(to_offset_strict(text, idx, {0, 4}, PositionEncoding::Utf16) == 6u);
  CHECK_FALSE(to_offset_strict(text, idx, {0, 99}, PositionEncoding::Utf16));
  CHECK_FALSE(to_offset_strict(text, idx, {5, 0}, PositionEncoding::Utf16));
  CHECK(to_offset_strict(text, idx, {2, 0}, PositionEncoding::Utf16) == text.size());  // end of text
  CHECK(to_offset_clamped(text, idx, {0, 99}, PositionEncoding::Utf16) == 7u);
}

TEST_CASE("position: CRLF is not part of the line") {
  std::string text = "abc\r\ndef";
  LineIndex idx(text);
  CHECK(idx.content_end(text, 0) == 3);
  CHECK_FALSE(to_offset_strict(text, idx, {0, 4}, PositionEncoding::Utf16));
}

TEST_CASE("line index: edits update line starts incrementally") {
  std::string text = "a\nb\nc\n";
  LineIndex idx(text);
  // replace "b\nc" with "X\nY\nZ"
  std::string after = "a\nX\nY\nZ\n";
  idx.apply_edit(2, 5, "X\nY\nZ", after);
  LineIndex fresh(after);
  REQUIRE(idx.line_count() == fresh.line_count());
  for (std::size_t i = 0; i < fresh.line_count(); ++i) CHECK(idx.line_start(i) == fresh.line_start(i));
}

TEST_CASE("position: LF, CRLF and a lone CR all end a line") {
  const std::string t = "a\nbb\r\nccc\rdddd\r\r\n";
  LineIndex idx(t);
  REQUIRE(idx.line_count() == 6);
  const std::vector<std::pair<std::size_t, std::size_t>> lines = {{0, 1}, {2, 4}, {6, 9}, {10, 14}, {15, 15}, {17, 17}};
  for (std::size_t k = 0; k < lines.size(); ++k) {
    INFO("line " << k);
    CHECK(idx.line_start(k) == lines[k].first);
    CHECK(idx.content_end(t, k) == lines[k].second);
  }
  CHECK(to_position(t, idx, 12, PositionEncoding::Utf16) == Position{3, 2});
  CHECK(to_offset_clamped(t, idx, {2, 99}, PositionEncoding::Utf16) == 9);
}

TEST_CASE("line index: an edit that joins or splits CR and LF") {
  struct Row {
    std::string before;
    std::size_t begin, end;
    std::string inserted;
  };
  std::vector<Row> rows = {
      {"a\rb", 2, 2, "\n"},      // "a\r\nb": the lone \r becomes part of \r\n
      {"a\r\nb", 2, 3, ""},      // "a\rb": the \n goes, the \r ends the line alone
      {"a\nb", 1, 1, "\r"},      // "a\r\nb"
      {"a\r\nb", 2, 2, "x"},     // "a\rx\nb": split into two line endings
      {"ab", 1, 1, "\r"},        // "a\rb"
      {"a\rb\nc", 0, 4, "\r"},  // "\r\nc"
  };
  for (auto& row : rows) {
    INFO(row.before << " @" << row.begin);
    std::string after = row.before.substr(0, row.begin) + row.inserted + row.before.substr(row.end);
    LineIndex idx(row.before);
    idx.apply_edit(row.begin, row.end, row.inserted, after);
    LineIndex fresh(after);
    REQUIRE(idx.line_count() == fresh.line_count());
    for (std::size_t i = 0; i < fresh.line_count(); ++i) CHECK(idx.line_start(i) == fresh.line_start(i));
  }
}

TEST_CASE("position: far into a long line, marks give what counting from the line's start gives") {
  // A line of 600 KB (marks every 4 KiB) of ASCII, 2- to 4-byte characters and malformed
  // bytes, after a short line; every 997th character start converted both ways in UTF-16
  // and UTF-32 (the reference counts from the line's start each time: kept few for ASan).
  std::string line;
  const std::vector<std::string> pieces = {"error 13801 ", "\xC3\xA9", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80", "\xFF", "\xE4\xB8", "x"};
  std::mt19937 rnd(3);
  std::vector<std::size_t> starts;  // where a piece starts: a character starts there too
  while (line.size() < 600000) {
    starts.push_back(6 + line.size());
    line += pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(rnd)];
  }
  const std::string text = "short\n" + line + "\nend";
  const winerr::LineIndex index(text);
  REQUIRE(index.marks(text, 1, winerr::PositionEncoding::Utf16) != nullptr);
  CHECK(index.marks(text, 0, winerr::PositionEncoding::Utf16) == nullptr);  // a short line has none
  for (auto enc : {winerr::PositionEncoding::Utf16, winerr::PositionEncoding::Utf32}) {
    for (std::size_t k = 0; k < starts.size(); k += 997) {
      const std::size_t off = starts[k];
      const winerr::Position p = winerr::to_position(text, index, off, enc);
      REQUIRE(p.line == 1);
      REQUIRE(p.character == winerr::count_units(std::string_view(text).substr(6, off - 6), enc));
      const auto back = winerr::to_offset(text, index, p, enc);
      REQUIRE(back.offset == off);
      REQUIRE(back.exact);
    }
  }
  // An edit drops the marks: positions after it are counted on the new text.
  winerr::LineIndex edited(text);
  (void)edited.marks(text, 1, winerr::PositionEncoding::Utf16);
  std::string changed = text;
  changed.insert(10, "\xF0\x9F\x98\x80");
  edited.apply_edit(10, 10, "\xF0\x9F\x98\x80", changed);
  const std::size_t far = changed.size() - 5;
  CHECK(winerr::to_position(changed, edited, far, winerr::PositionEncoding::Utf16).character ==
        winerr::count_units(std::string_view(changed).substr(6, far - 6), winerr::PositionEncoding::Utf16));
}
