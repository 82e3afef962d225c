// file_scan.h — a file on disk scanned without loading it whole: for logs too big for the
// editor to hand over (VS Code gives no extension a file over 50 MB), the command
// winerr.scanFile reads the file in pieces of whole lines, scans each piece, and keeps only
// what each finding needs for its diagnostic (its range, its reason in words, whether a
// winerr-ignore comment covers it). Decimals are settled once the whole file's profile is known.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "features.h"
#include "policy.h"
#include "scanner.h"

namespace winerr {

struct ScannedFinding {
  Judged judged;  // offsets are the file's
  // Its range in the session's position encoding (plain numbers: a JSON object each would
  // cost a 200 MB log's 150,000 findings more memory than its pieces).
  std::uint64_t start_line = 0, end_line = 0;
  std::uint32_t start_character = 0, end_character = 0;
  std::string why;
  bool suppressed = false;
};
struct FileScan {
  std::vector<ScannedFinding> found;  // in file order
  Profile profile;
  std::uint64_t bytes = 0, lines = 0;
};

// Bytes read per piece (rounded to whole lines): what the scan holds in memory at a time.
inline constexpr std::size_t kFileScanPiece = std::size_t{16} << 20;
// A line longer than a piece and than this is judged in windows (cut after a space): a file
// without line breaks is never held whole. The words that speak for a code sit beside it, so
// a window loses at most the context of a code within a few bytes of its cut.
inline constexpr std::size_t kLongLineWindow = std::size_t{1} << 20;

// Reads a file on, piece by piece, from where it stopped: read() once for a whole file, or
// again and again for a log that grows (a file that shrank was replaced: it starts over).
class FileScanner {
 public:
  // `piece`: bytes per read (tests use small ones to put line breaks at every boundary).
  FileScanner(std::filesystem::path path, std::string language_id, PositionEncoding enc, std::uint64_t max_bytes,
              std::size_t piece = kFileScanPiece);
  // Scans what was appended since the last call; with `last_line_too`, also a last line that
  // has no line break yet (the end of a whole file; a growing log may still be writing it).
  // An error in words, or none; `grew` says whether there was anything new.
  std::optional<std::string> read(const Catalog& catalog, bool last_line_too, bool* grew = nullptr);
  const FileScan& scan() const { return scan_; }
  FileScan take_scan() { return std::move(scan_); }  // when done with the scanner

 private:
  // Whole lines (the last may be unfinished at the end of the file), or with !ends_line a
  // window of a line longer than a piece.
  void take(std::string piece, const Catalog& catalog, bool ends_line);

  std::filesystem::path path_;
  std::string language_id_;
  PositionEncoding enc_;
  std::uint64_t max_bytes_;
  std::size_t piece_;
  FileScan scan_;
  std::uint64_t consumed_ = 0;  // bytes read from the file
  std::string carry_;           // read, not yet scanned: the unfinished last line
  // Each piece is scanned after the previous piece's last line (so a winerr-ignore-next-line
  // comment there still covers the line after it); only the new lines are judged.
  std::string prev_line_;
  std::uint64_t base_offset_ = 0;  // file offset of the next piece
  // 1 + the units of the current line already scanned in windows; 0 when none is open.
  std::size_t continued_units_ = 0;
};

// A whole file at once: FileScanner(...).read(catalog, true), its scan in `out`.
std::optional<std::string> scan_file(const std::filesystem::path& path, const std::string& language_id, const Catalog& catalog,
                                     PositionEncoding enc, std::uint64_t max_bytes, FileScan& out,
                                     std::size_t piece = kFileScanPiece);
// Its diagnostics, as a document's would be (settings, severities, one per mention, the cap).
json file_diagnostics(const FileScan& scan, const std::string& language_id, const Settings& settings, const Policy& policy);

}  // namespace winerr
