// file_scan.cpp — see file_scan.h.
#include "file_scan.h"

#include <fstream>

#include "document.h"

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

std::optional<std::string> scan_file(const std::filesystem::path& path, const std::string& language_id, const Catalog& catalog,
                                     PositionEncoding enc, std::uint64_t max_bytes, FileScan& out, std::size_t piece_bytes) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) return "no such file";
  if (!std::filesystem::is_regular_file(status)) return "not a regular file";
  const std::uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) return "cannot read its size: " + ec.message();
  if (size > max_bytes) return "it is " + std::to_string(size) + " bytes; the limit is " + std::to_string(max_bytes);
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot be opened for reading";

  // Each piece is the previous piece's last line (so a winerr-ignore-next-line comment there
  // still covers the line after it) followed by whole new lines; only the new lines are scanned.
  std::string carry;            // the unfinished last line of what was read so far
  std::string prev_line;        // the last complete line of the previous piece
  std::uint64_t base_line = 0;  // file line of the piece's first new line
  std::uint64_t base_offset = 0;
  std::string buf(std::max<std::size_t>(piece_bytes, 1), '\0');
  for (bool at_end = false; !at_end;) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const std::size_t got = static_cast<std::size_t>(in.gcount());
    if (in.bad()) return "read failed";
    at_end = got < buf.size();
    out.bytes += got;
    std::string piece = std::move(carry);
    carry.clear();
    piece.append(buf, 0, got);
    if (!at_end) {
      // Keep the unfinished last line for the next piece (a lone "\r" at the very end may be
      // half of "\r\n": keep it too).
      std::size_t cut = piece.find_last_of('\n');
      if (cut == std::string::npos) cut = piece.find_last_of('\r');
      if (cut == std::string::npos) {
        carry = std::move(piece);  // one line longer than a piece: read on
        continue;
      }
      carry = piece.substr(cut + 1);
      piece.resize(cut + 1);
    }
    const std::size_t prefix = prev_line.size();
    const Document doc("", 0, prev_line + piece, language_id);
    ScanResult part;
    scan_lines(doc.text(), prefix, doc.text().size(), catalog, part);
    const std::uint64_t skip = prefix ? 1 : 0;  // the carried line is the file's line base_line - 1
    for (Judged& j : part.judged) {
      const Finding& f = j.finding;
      ScannedFinding s;
      const Position a = to_position(doc.text(), doc.lines(), f.begin, enc), b = to_position(doc.text(), doc.lines(), f.end, enc);
      s.start_line = base_line + a.line - skip;
      s.end_line = base_line + b.line - skip;
      s.start_character = static_cast<std::uint32_t>(a.character);
      s.end_character = static_cast<std::uint32_t>(b.character);
      s.why = explain_why(f, doc.text());
      s.suppressed = suppressed(doc, f, catalog);
      s.judged = j;
      s.judged.finding.begin = f.begin - prefix + base_offset;
      s.judged.finding.end = f.end - prefix + base_offset;
      out.found.push_back(std::move(s));
    }
    out.profile += part.profile;
    // Lines of this piece: the index counts an empty last line after a final break.
    const bool ends_with_break = !doc.text().empty() && is_break(doc.text().back());
    base_line += doc.lines().line_count() - skip - (ends_with_break ? 1 : 0);
    base_offset += piece.size();
    prev_line = ends_with_break ? last_line(piece) : std::string();
  }
  out.lines = base_line;
  return std::nullopt;
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
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (repeats_mention(findings, i) && !shown.empty() && shown.back().finding == &findings[i - 1]) continue;
    if (auto sev = policy.severity(findings[i], kind); sev && !of[i]->suppressed) shown.push_back({&findings[i], *sev});
  }
  return capped_diagnostics(std::move(shown), settings, [&](const Visible& v) {
    const ScannedFinding& s = *of[static_cast<std::size_t>(v.finding - findings.data())];
    const json range = {{"start", {{"line", s.start_line}, {"character", s.start_character}}},
                        {"end", {{"line", s.end_line}, {"character", s.end_character}}}};
    return diagnostic_json(*v.finding, v.severity, range, s.why);
  });
}

}  // namespace winerr
