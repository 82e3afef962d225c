// Incremental sync: edits apply in order, findings stay equal to a full rescan, and edits
// that do not apply are refused without changing anything.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "document.h"

using namespace winerr;

namespace {
const Catalog& cat() { return Catalog::embedded(); }

Document open_doc(const std::string& text) {
  Document d("file:///t.log", 1, text);
  d.set_findings(scan(d.text(), cat()));
  return d;
}

void same_as_full_scan(const Document& d) {
  auto full = scan(d.text(), cat());
  REQUIRE(d.findings().size() == full.size());
  for (std::size_t i = 0; i < full.size(); ++i) {
    CHECK(d.findings()[i].begin == full[i].begin);
    CHECK(d.findings()[i].end == full[i].end);
    CHECK(d.findings()[i].entry == full[i].entry);
    CHECK(d.findings()[i].confidence == full[i].confidence);
  }
}

TextChange edit(Position a, Position b, std::string text) { return {Range{a, b}, std::move(text)}; }
}  // namespace

TEST_CASE("document: an insert updates text and findings") {
  Document d = open_doc("line one\nerror 13801\nlast\n");
  REQUIRE(d.findings().size() == 1);
  REQUIRE_FALSE(d.apply(2, {edit({2, 0}, {2, 0}, "status 0x3655 ")}, PositionEncoding::Utf16, cat()));
  CHECK(d.text() == "line one\nerror 13801\nstatus 0x3655 last\n");
  CHECK(d.version() == 2);
  same_as_full_scan(d);
  CHECK(d.findings().size() == 2);
}

TEST_CASE("document: several changes in one notification apply in order") {
  Document d = open_doc("ab\ncd\n");
  REQUIRE_FALSE(d.apply(2, {edit({0, 0}, {0, 0}, "error 13801 "), edit({0, 0}, {0, 2}, "XY")}, PositionEncoding::Utf16, cat()));
  CHECK(d.text() == "XYror 13801 ab\ncd\n");
  same_as_full_scan(d);
}

TEST_CASE("document: an edit that adds a catalog name changes the next line's findings") {
  Document d = open_doc("header\n13806\n");
  CHECK(d.findings().empty());
  REQUIRE_FALSE(d.apply(2, {edit({0, 0}, {0, 6}, "ERROR_IPSEC_IKE_NO_CERT")}, PositionEncoding::Utf16, cat()));
  same_as_full_scan(d);
  CHECK(d.findings().size() == 2);
}

TEST_CASE("document: positions after emoji use UTF-16 units") {
  Document d = open_doc("😀 x\n");
  REQUIRE_FALSE(d.apply(2, {edit({0, 3}, {0, 4}, "error 13801")}, PositionEncoding::Utf16, cat()));
  CHECK(d.text() == "😀 error 13801\n");
  same_as_full_scan(d);
}

TEST_CASE("document: refused edits change nothing") {
  Document d = open_doc("abc\ndef\n");
  const std::string before = d.text();
  CHECK(d.apply(2, {edit({9, 0}, {9, 1}, "x")}, PositionEncoding::Utf16, cat()));           // line out of range
  CHECK(d.apply(2, {edit({0, 2}, {0, 1}, "x")}, PositionEncoding::Utf16, cat()));           // inverted
  CHECK(d.apply(2, {edit({0, 0}, {0, 40}, "x")}, PositionEncoding::Utf16, cat()));          // past line end
  CHECK(d.apply(1, {edit({0, 0}, {0, 0}, "x")}, PositionEncoding::Utf16, cat()));           // version not forward
  // The first change is fine but the second is not: all or nothing.
  CHECK(d.apply(2, {edit({0, 0}, {0, 0}, "ok"), edit({7, 0}, {7, 0}, "x")}, PositionEncoding::Utf16, cat()));
  CHECK(d.text() == before);
  CHECK(d.version() == 1);
}

TEST_CASE("document: a full replacement drops findings until the next full scan") {
  Document d = open_doc("error 13801\n");
  REQUIRE_FALSE(d.apply(2, {TextChange{std::nullopt, "new text"}}, PositionEncoding::Utf16, cat()));
  CHECK(d.text() == "new text");
  CHECK_FALSE(d.findings_ready());
}

TEST_CASE("document: random edits keep findings equal to a full rescan and rescan little") {
  std::mt19937 rng(12345);
  const std::vector<std::string> pieces = {"error 13801", "\n", "ERROR_IPSEC_IKE_NO_CERT", " 13806 ", "0x3655", "port ",
                                           "😀", "日本", "status ", "x", "\r\n", "-2147011095 "};
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
    REQUIRE_FALSE(d.apply(step + 2, {edit({l1, 0}, {l2, 0}, ins)}, PositionEncoding::Utf16, cat()));
    same_as_full_scan(d);
    // Only the edited lines and the one after them were read again.
    const std::size_t new_lines = static_cast<std::size_t>(std::count(ins.begin(), ins.end(), '\n'));
    const std::size_t last = std::min(d.lines().line_count() - 1, l1 + new_lines + 1);
    const std::size_t bound = d.lines().next_line_start(last, d.text().size()) - d.lines().line_start(l1);
    CHECK(d.last_rescanned_bytes() <= bound);
  }
}
