// file_scan.cpp — see file_scan.h.
#include "file_scan.h"

#include <algorithm>

#include "document.h"
#include "lexical.h"
#include "platform/platform.h"

namespace winerr {

namespace {
bool is_break(char c) { return c == '\n' || c == '\r'; }
// The last line of a piece that ends with a line break, with its break.
std::string last_line(const std::string& piece) {
  std::size_t e = piece.size();
  if (e && piece[e - 1] == '\n') --e;
  if (e && piece[e - 1] == '\r') --e;
  if (e == 0) return piece;
  const std::size_t b = piece.find_last_of("\n\r", e - 1);
  return b == std::string::npos ? piece : piece.substr(b + 1);
}
}  // namespace

FileScanner::FileScanner(std::filesystem::path path, std::string language_id, PositionEncoding enc, std::uint64_t max_bytes,
                         std::size_t piece)
    : path_(std::move(path)), language_id_(std::move(language_id)), enc_(enc), max_bytes_(max_bytes), piece_(std::max<std::size_t>(piece, 1)) {}

std::optional<std::string> FileScanner::read(const Catalog& catalog, bool last_line_too, bool* grew) {
  if (grew) *grew = false;
  // Opened without waiting and kept only if it is a regular file (a FIFO or a device here
  // would hang or flood the files thread).
  platform::RegularFile in;
  if (std::string why = in.open(path_); !why.empty()) return why;
  const std::uint64_t size = in.size();
  if (size > max_bytes_) return "it is " + std::to_string(size) + " bytes; the limit is " + std::to_string(max_bytes_);
  if (size < consumed_) {  // truncated or replaced (a rotated log): read it again from the start
    *this = FileScanner(path_, language_id_, enc_, max_bytes_, piece_);
    if (grew) *grew = true;
  }
  if (!in.seek(consumed_)) return "cannot seek to byte " + std::to_string(consumed_);
  for (;;) {
    // Straight onto the unfinished line already read (no read buffer to copy from).
    const std::size_t had = carry_.size();
    carry_.resize(had + piece_);
    // A short read is not the end (Windows caps one read); fill the piece or reach the end.
    std::size_t got = 0;
    while (got < piece_) {
      const long long n = in.read(carry_.data() + had + got, piece_ - got);
      if (n < 0) {
        carry_.resize(had + got);
        return "read failed";
      }
      if (n == 0) break;
      got += static_cast<std::size_t>(n);
    }
    carry_.resize(had + got);
    consumed_ += got;
    scan_.bytes = consumed_;
    if (got && grew) *grew = true;
    // Whole lines go on; the unfinished last one waits (a lone "\r" at the very end may be
    // half of "\r\n": it waits too).
    std::size_t cut = carry_.find_last_of('\n');
    if (cut == std::string::npos) cut = carry_.find_last_of('\r');
    if (cut != std::string::npos) {
      std::string rest = carry_.substr(cut + 1);
      carry_.resize(cut + 1);
      take(std::move(carry_), catalog, /*ends_line=*/true);
      carry_ = std::move(rest);
    } else if (carry_.size() >= std::max(piece_, kLongLineWindow)) {
      // A piece without a line break (a one-line JSON export, a minified log): the line is
      // judged in windows of about a piece (at least kLongLineWindow), cut after a space (or
      // any byte that ends a word), so a file with no line break is never held whole.
      std::size_t at = carry_.find_last_of(" \t");
      if (at == std::string::npos || at < carry_.size() / 2) {
        at = carry_.size() - 1;
        while (at > 0 && is_word_char(static_cast<unsigned char>(carry_[at]))) --at;
        if (at == 0) at = carry_.size() - 1;  // one word of a whole piece: cut it anyway
      }
      std::string rest = carry_.substr(at + 1);
      carry_.resize(at + 1);
      take(std::move(carry_), catalog, /*ends_line=*/false);
      carry_ = std::move(rest);
    }
    if (got < piece_) break;
  }
  if (last_line_too && !carry_.empty()) {
    take(std::move(carry_), catalog, /*ends_line=*/true);
    carry_.clear();
  }
  return std::nullopt;
}

void FileScanner::take(std::string piece, const Catalog& catalog, bool ends_line) {
  // A window of a long line goes on the line of the window before it: no line of context
  // before it (that window was the same line), its characters counted on from there.
  const std::size_t prefix = continued_units_ ? 0 : prev_line_.size();
  const Document doc("", 0, continued_units_ ? piece : prev_line_ + piece, language_id_);
  ScanResult part;
  scan_lines(doc.text(), prefix, doc.text().size(), catalog, part);
  // The piece's first line is the file's line scan_.lines - 1 when it was counted already
  // (the carried context line, or the long line this window continues).
  const std::uint64_t skip = prefix || continued_units_ ? 1 : 0;
  const std::size_t first_line_units = continued_units_ ? continued_units_ - 1 : 0;
  for (Judged& j : part.judged) {
    const Finding& f = j.finding;
    ScannedFinding s;
    const Position a = to_position(doc.text(), doc.lines(), f.begin, enc_), b = to_position(doc.text(), doc.lines(), f.end, enc_);
    s.start_line = scan_.lines + a.line - skip;
    s.end_line = scan_.lines + b.line - skip;
    s.start_character = static_cast<std::uint32_t>(a.character + (a.line == 0 ? first_line_units : 0));
    s.end_character = static_cast<std::uint32_t>(b.character + (b.line == 0 ? first_line_units : 0));
    s.why = explain_why(f, doc.text());
    s.suppressed = suppressed(doc, f, catalog);
    s.judged = j;
    s.judged.finding.begin = f.begin - prefix + base_offset_;
    s.judged.finding.end = f.end - prefix + base_offset_;
    scan_.found.push_back(std::move(s));
  }
  scan_.profile += part.profile;
  base_offset_ += piece.size();
  if (!ends_line) {  // a window of a line that goes on (read() cuts only a piece with no break)
    if (!continued_units_) ++scan_.lines;
    continued_units_ = (continued_units_ ? continued_units_ : 1) + count_units(piece, enc_);
    prev_line_.clear();
    return;
  }
  // Lines of this piece: the index counts an empty last line after a final break.
  const bool ends_with_break = !doc.text().empty() && is_break(doc.text().back());
  scan_.lines += doc.lines().line_count() - skip - (ends_with_break ? 1 : 0);
  continued_units_ = 0;
  prev_line_ = ends_with_break ? last_line(piece) : std::string();
}

std::optional<std::string> scan_file(const std::filesystem::path& path, const std::string& language_id, const Catalog& catalog,
                                     PositionEncoding enc, std::uint64_t max_bytes, FileScan& out, std::size_t piece) {
  FileScanner scanner(path, language_id, enc, max_bytes, piece);
  auto error = scanner.read(catalog, /*last_line_too=*/true);
  out = scanner.take_scan();
  return error;
}

json file_diagnostics(const FileScan& scan, const std::string& language_id, const Settings& settings, const Policy& policy) {
  const DocKind kind = doc_kind(language_id);
  // Settled with the whole file's profile; then, as for a document: one per mention, the
  // settings' severities, no covered line (visible_findings).
  std::vector<Finding> findings;
  std::vector<const ScannedFinding*> of;  // findings[i] came from *of[i]
  for (const ScannedFinding& s : scan.found)
    if (auto f = resolve(s.judged, scan.profile)) {
      findings.push_back(*f);
      of.push_back(&s);
    }
  std::vector<Visible> shown;
  MentionFilter filter(policy, kind);
  for (std::size_t i = 0; i < findings.size(); ++i)
    if (auto sev = filter.next(findings[i], [&] { return of[i]->suppressed; })) shown.push_back({&findings[i], *sev});
  return capped_diagnostics(std::move(shown), settings, [&](const Visible& v) {
    const ScannedFinding& s = *of[static_cast<std::size_t>(v.finding - findings.data())];
    const json range = {{"start", {{"line", s.start_line}, {"character", s.start_character}}},
                        {"end", {{"line", s.end_line}, {"character", s.end_character}}}};
    return diagnostic_json(*v.finding, v.severity, range, s.why);
  });
}

}  // namespace winerr
