// Incremental sync: edits apply in order, findings stay equal to a full rescan, and odd
// positions are clamped as the LSP spec says instead of costing the document.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "document.h"

using namespace winerr;

namespace {
const Catalog& cat() { return Catalog::embedded(); }

Document open_doc(const std::string& text) {
  Document d("file:///t.log", 1, text);
  d.set_scan(scan_verdicts(d.text(), cat()));
  return d;
}

void same_as_full_scan(const Document& d) {
  auto full = scan(d.text(), cat(), /*with_bare=*/true);  // a document keeps bare decimals
  CHECK(d.profile() == scan_verdicts(d.text(), cat()).profile);
  REQUIRE(d.findings().size() == full.size());
  for (std::size_t i = 0; i < full.size(); ++i) {
    CHECK(d.findings()[i].begin == full[i].begin);
    CHECK(d.findings()[i].end == full[i].end);
    CHECK(d.findings()[i].entry == full[i].entry);
    CHECK(d.findings()[i].confidence == full[i].confidence);
    CHECK(d.findings()[i].why == full[i].why);
  }
}

TextChange edit(Position a, Position b, std::string text) { return {Range{a, b}, std::move(text)}; }
}  // namespace

TEST_CASE("document: an insert updates text and findings") {
  Document d = open_doc("line one\nerror 13801\nlast\n");
  REQUIRE(d.findings().size() == 1);
  REQUIRE(d.apply(2, {edit({2, 0}, {2, 0}, "status 0x3655 ")}, PositionEncoding::Utf16, cat()).empty());
  CHECK(d.text() == "line one\nerror 13801\nstatus 0x3655 last\n");
  CHECK(d.version() == 2);
  same_as_full_scan(d);
  CHECK(d.findings().size() == 2);
}

TEST_CASE("document: several changes in one notification apply in order") {
  Document d = open_doc("ab\ncd\n");
  REQUIRE(d.apply(2, {edit({0, 0}, {0, 0}, "error 13801 "), edit({0, 0}, {0, 2}, "XY")}, PositionEncoding::Utf16, cat()).empty());
  CHECK(d.text() == "XYror 13801 ab\ncd\n");
  same_as_full_scan(d);
}

TEST_CASE("document: the first IKE word re-judges the document's decimals without rescanning them") {
  Document d = open_doc("header\nline two\nerror 13806\nerror 1603\n");
  REQUIRE(d.findings().size() == 1);
  CHECK(d.findings()[0].confidence == Confidence::Possible);
  CHECK(d.findings()[0].why == Why::NoIpsecContext);
  REQUIRE(d.apply(2, {edit({0, 0}, {0, 6}, "IKEEXT")}, PositionEncoding::Utf16, cat()).empty());
  same_as_full_scan(d);
  REQUIRE(d.findings().size() == 1);
  CHECK(d.findings()[0].confidence == Confidence::Certain);
  CHECK(d.last_rescanned_bytes() == std::string("IKEEXT\nline two\n").size());  // the edited line and the next
  CHECK(d.last_resolved() == 1);  // every verdict (there is one), from memory
  // An edit that leaves the profile's decisions alone resolves only its own lines.
  REQUIRE(d.apply(3, {edit({1, 0}, {1, 4}, "text")}, PositionEncoding::Utf16, cat()).empty());
  same_as_full_scan(d);
  CHECK(d.last_resolved() == 1);  // the edited line's and the next line's verdicts (one), not all
  // Taking the word away makes them possible again.
  REQUIRE(d.apply(4, {edit({0, 0}, {0, 6}, "header")}, PositionEncoding::Utf16, cat()).empty());
  same_as_full_scan(d);
  CHECK(d.findings()[0].confidence == Confidence::Possible);
}

TEST_CASE("document: positions after emoji use UTF-16 units") {
  Document d = open_doc("😀 x\n");
  REQUIRE(d.apply(2, {edit({0, 3}, {0, 4}, "error 13801")}, PositionEncoding::Utf16, cat()).empty());
  CHECK(d.text() == "😀 error 13801\n");
  same_as_full_scan(d);
}

TEST_CASE("document: odd positions are clamped, reported, and the edit applies") {
  struct Row {
    const char* name;
    std::int64_t version;
    TextChange change;
    std::string expected;
  };
  // "ab😀\r\ncd\n": line 0 is 4 UTF-16 units long (the emoji is a surrogate pair at 2-3).
  std::vector<Row> rows = {
      {"character past the end of the line", 2, edit({0, 1}, {0, 40}, "X"), "aX\r\ncd\n"},
      {"line past the end of the document", 2, edit({9, 0}, {9, 5}, "X"), "ab😀\r\ncd\nX"},
      {"inverted range", 2, edit({1, 2}, {1, 0}, "X"), "ab😀\r\nX\n"},
      {"inside a surrogate pair", 2, edit({0, 3}, {0, 4}, "X"), "abX\r\ncd\n"},
      {"version that does not go forward", 1, edit({1, 0}, {1, 0}, "X"), "ab😀\r\nXcd\n"},
  };
  for (auto& row : rows) {
    INFO(row.name);
    Document d = open_doc("ab😀\r\ncd\n");
    auto notes = d.apply(row.version, {row.change}, PositionEncoding::Utf16, cat());
    CHECK(notes.size() == 1);
    CHECK(d.text() == row.expected);
    CHECK(d.version() == row.version);
    same_as_full_scan(d);
  }
  // A well-formed edit has nothing to report.
  Document d = open_doc("abc\n");
  CHECK(d.apply(2, {edit({0, 3}, {1, 0}, "x")}, PositionEncoding::Utf16, cat()).empty());
  CHECK(d.text() == "abcx");
}

TEST_CASE("document: a full replacement drops findings until the next full scan") {
  Document d = open_doc("error 13801\n");
  REQUIRE(d.apply(2, {TextChange{std::nullopt, "new text"}}, PositionEncoding::Utf16, cat()).empty());
  CHECK(d.text() == "new text");
  CHECK_FALSE(d.findings_ready());
}

TEST_CASE("document: random edits keep findings equal to a full rescan and rescan little") {
  std::mt19937 rng(12345);
  const std::vector<std::string> pieces = {"error 13801", "\n", "ERROR_IPSEC_IKE_NO_CERT", " 13806 ", "0x3655", "port ",
                                           "😀", "日本", "status ", "x", "\r\n", "-2147011095 ", "\r", "\r", "\n"};
  std::string base;
  for (int i = 0; i < 400; ++i) base += pieces[rng() % pieces.size()];
  Document d = open_doc(base);
  for (int step = 0; step < 300; ++step) {
    const std::size_t lines = d.lines().line_count();
    std::uint32_t l1 = static_cast<std::uint32_t>(rng() % lines);
    std::uint32_t l2 = std::min<std::uint32_t>(static_cast<std::uint32_t>(lines - 1), l1 + static_cast<std::uint32_t>(rng() % 3));
    // Character 0 of a line is always a valid position.
    std::string ins = pieces[rng() % pieces.size()] + pieces[rng() % pieces.size()];
    INFO("step " << step);
    REQUIRE(d.apply(step + 2, {edit({l1, 0}, {l2, 0}, ins)}, PositionEncoding::Utf16, cat()).empty());
    same_as_full_scan(d);
    // The line index kept in place equals one built afresh ("\r" and "\n" joined or split).
    const LineIndex fresh(d.text());
    REQUIRE(d.lines().line_count() == fresh.line_count());
    for (std::size_t k = 0; k < fresh.line_count(); ++k) REQUIRE(d.lines().line_start(k) == fresh.line_start(k));
    // Only the edited lines and the one after them were read again.
    // Line breaks the insert brought ("\n", "\r\n" or a lone "\r"), plus one for the seam.
    const std::size_t new_lines = LineIndex(ins).line_count();
    const std::size_t last = std::min(d.lines().line_count() - 1, l1 + new_lines + 1);
    // (one line more in front when the edit follows a lone "\r", which it may join to a "\n")
    const std::size_t bound = d.lines().next_line_start(last, d.text().size()) - d.lines().line_start(l1 > 0 ? l1 - 1 : 0);
    CHECK(d.last_rescanned_bytes() <= bound);
  }
}

// Whether a suppression marker may be in the text decides whether visible_findings reads each
// finding's line; it must never be false while a marker is there.
TEST_CASE("document: it knows when its text may hold a suppression marker, across edits") {
  Document d = open_doc("error 13801\nerror 13806\n");
  CHECK_FALSE(d.may_hold_suppression());
  d.apply(2, {edit({0, 11}, {0, 11}, " # winerr-")}, PositionEncoding::Utf16, cat());
  CHECK_FALSE(d.may_hold_suppression());
  d.apply(3, {edit({0, 21}, {0, 21}, "ignore 13801")}, PositionEncoding::Utf16, cat());  // joined across the seam
  CHECK(d.text() == "error 13801 # winerr-ignore 13801\nerror 13806\n");
  CHECK(d.may_hold_suppression());
  Document e = open_doc("error 13801 # winerr-ignore\n");
  CHECK(e.may_hold_suppression());
  Document f = open_doc("error 13801 # winerr-IGNORE? no\n");
  CHECK_FALSE(f.may_hold_suppression());
  f.apply(2, {TextChange{std::nullopt, "-- winerr-ignore-next-line\nerror 13801\n"}}, PositionEncoding::Utf16, cat());
  CHECK(f.may_hold_suppression());
  // ...and one formed by deleting what stood between its halves.
  Document g = open_doc("winerr-XXignore 13801\n");
  CHECK_FALSE(g.may_hold_suppression());
  g.apply(2, {edit({0, 7}, {0, 9}, "")}, PositionEncoding::Utf16, cat());
  CHECK(g.may_hold_suppression());
}
