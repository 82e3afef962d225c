// A file scanned piece by piece gives exactly the diagnostics the same text gets as an open
// document, wherever the pieces end: CRLF and lone CR, UTF-16 columns after emoji, a
// winerr-ignore-next-line comment on the line before a piece starts, decimals settled by
// evidence that comes only at the end of the file, one diagnostic per mention.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "features/file_scan.h"
#include "features/policy.h"

using namespace winerr;
namespace fs = std::filesystem;

namespace {
fs::path write(const std::string& name, const std::string& text) {
  const fs::path p = fs::temp_directory_path() / ("winerr-file-scan-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(p, std::ios::binary) << text;
  return p;
}
}  // namespace

TEST_CASE("file scan: piece by piece, the same diagnostics as an open document") {
  const std::string text =
      "error 13801 at start\r\n"
      "caf\xC3\xA9 \xF0\x9F\x98\x80 failed with error 13806\n"
      "# winerr-ignore-next-line 13868\n"
      "error 13868 covered\n"
      "lone cr line error 0x35E9\r"
      "13801 (ERROR_IPSEC_IKE_AUTH_FAIL) one mention\n"
      "status=13809\n"
      "the IKE tunnel failed: IKE VPN IPsec\n"
      "error 13804 last, no newline";
  const Catalog& cat = Catalog::embedded();
  Settings settings;
  const Policy policy(settings, cat);
  const Document doc("file:///x.log", 0, text, "log");
  const json want = diagnostics(doc, scan(text, cat, true), settings, policy, cat, PositionEncoding::Utf16);
  // What the comparison covers: the covered 13868 is absent, the last line's 13804 present,
  // the 13806 after the emoji at its UTF-16 column.
  std::string codes;
  for (const json& d : want) codes += d["code"].get<std::string>() + "@" + std::to_string(d["range"]["start"]["line"].get<int>()) + ":" +
                                      std::to_string(d["range"]["start"]["character"].get<int>()) + " ";
  CHECK(codes == "ERROR_IPSEC_IKE_AUTH_FAIL@0:6 ERROR_IPSEC_IKE_NO_CERT@1:26 ERROR_IPSEC_IKE_AUTH_FAIL@4:19 "
                 "ERROR_IPSEC_IKE_AUTH_FAIL@5:0 ERROR_IPSEC_IKE_MM_ACQUIRE_DROP@6:7 ERROR_IPSEC_IKE_GENERAL_PROCESSING_ERROR@8:6 ");
  const fs::path file = write("a.log", text);
  for (std::size_t piece : {std::size_t{1}, std::size_t{7}, std::size_t{20}, std::size_t{33}, std::size_t{64}, kFileScanPiece}) {
    INFO("piece " << piece);
    FileScan fs_out;
    REQUIRE_FALSE(scan_file(file, "log", cat, PositionEncoding::Utf16, 1u << 30, fs_out, piece));
    CHECK(fs_out.bytes == text.size());
    CHECK(fs_out.lines == 9);
    CHECK(file_diagnostics(fs_out, "log", settings, policy) == want);
  }
}

TEST_CASE("file scan: a missing file, a directory and one over the limit are refused in words") {
  const Catalog& cat = Catalog::embedded();
  FileScan out;
  CHECK(scan_file("/no/such/file.log", "log", cat, PositionEncoding::Utf16, 100, out) == std::optional<std::string>("no such file"));
  CHECK(scan_file(fs::temp_directory_path(), "log", cat, PositionEncoding::Utf16, 100, out) == std::optional<std::string>("not a regular file (a directory)"));
  const fs::path file = write("big.log", std::string(200, 'x'));
  CHECK(scan_file(file, "log", cat, PositionEncoding::Utf16, 100, out) == std::optional<std::string>("it is 200 bytes; the limit is 100"));
}

TEST_CASE("file scan: a growing log is read on from where it stopped, a rotated one from the start") {
  const Catalog& cat = Catalog::embedded();
  const fs::path file = write("grow.log", "IKE error 13801\nIKE failed with err");
  FileScanner scanner(file, "log", PositionEncoding::Utf16, 1u << 30, 8);
  bool grew = false;
  REQUIRE_FALSE(scanner.read(cat, false, &grew));
  CHECK(grew);
  CHECK(scanner.scan().lines == 1);  // the unfinished line waits
  REQUIRE(scanner.scan().found.size() == 1);
  REQUIRE_FALSE(scanner.read(cat, false, &grew));
  CHECK_FALSE(grew);
  std::ofstream(file, std::ios::binary | std::ios::app) << "or 13806\nIKE status 0x35E9\n";
  REQUIRE_FALSE(scanner.read(cat, false, &grew));
  CHECK(grew);
  const FileScan& s = scanner.scan();
  CHECK(s.lines == 3);
  REQUIRE(s.found.size() == 3);
  CHECK(s.found[1].start_line == 1);
  CHECK(s.found[1].start_character == 22);  // "IKE failed with error 13806": the 13806 the two reads joined
  CHECK(s.found[2].start_line == 2);
  CHECK(s.bytes == std::string("IKE error 13801\nIKE failed with error 13806\nIKE status 0x35E9\n").size());
  // Rotated: a shorter file in its place is read from its start.
  std::ofstream(file, std::ios::binary | std::ios::trunc) << "error 13868\n";
  REQUIRE_FALSE(scanner.read(cat, false, &grew));
  CHECK(grew);
  CHECK(scanner.scan().lines == 1);
  REQUIRE(scanner.scan().found.size() == 1);
  CHECK(scanner.scan().found[0].judged.finding.entry->value == 13868);
}

TEST_CASE("file scan: a line longer than a window is judged in windows, its positions kept") {
  // 3 MB on one line, then a second line: the scan holds about a window (1 MiB) at a time, and
  // every code is where an open document has it (line 0 at its UTF-16 column; an emoji
  // early on shifts every column after it), the second line's too.
  std::string line = "\xF0\x9F\x98\x80 ";
  const std::string unit = std::string(2000, 'x') + " error 13801 ";
  while (line.size() < 3 * 1024 * 1024) line += unit;
  const std::string text = line + "\nIKE error 13806 after\n";
  const Catalog& cat = Catalog::embedded();
  Settings settings;
  settings.max_diagnostics = 100000;
  const Policy policy(settings, cat);
  const Document doc("file:///long.log", 0, text, "log");
  const json want = diagnostics(doc, scan(text, cat, true), settings, policy, cat, PositionEncoding::Utf16);
  REQUIRE(want.size() > 1500);
  const fs::path file = write("long.log", text);
  for (std::size_t piece : {std::size_t{64} << 10, kFileScanPiece}) {
    INFO("piece " << piece);
    FileScan fs_out;
    REQUIRE_FALSE(scan_file(file, "log", cat, PositionEncoding::Utf16, 1u << 30, fs_out, piece));
    CHECK(fs_out.lines == 2);
    CHECK(file_diagnostics(fs_out, "log", settings, policy) == want);
  }
}
