// document.h — one open document: its text, version, line index and findings, kept in step
// under edits. Knows positions (through position.h) but not JSON or LSP messages.
//
// Edits always apply, as the LSP spec and the editors' own document models do, because LSP has
// no way to ask for the text again and dropping a document on an odd edit would cost the user
// its findings for good:
//  - a character past the end of its line means the end of the line (the spec's rule);
//  - a line past the last line means the end of the document (as vscode-languageserver's
//    TextDocument does);
//  - a position inside a character (between the halves of a surrogate pair, or inside a UTF-8
//    sequence with utf-8 positions) means that character's start;
//  - a range whose start is after its end is read with its ends swapped;
//  - a version that does not go forward is taken as it comes.
// Each such repair is reported back as a note, for the log.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog.h"
#include "position.h"
#include "scanner.h"

namespace winerr {

struct Range {
  Position start, end;
};

struct TextChange {
  std::optional<Range> range;  // none: the whole text is replaced
  std::string text;
};

// The suppression comment's marker (policy.h: `# winerr-ignore 13801`). The document keeps
// whether its text may hold one, so that a log without any (nearly all of them) skips reading
// each finding's line for it: that read cost 70% of a one-key edit of a 200 MB log.
inline constexpr std::string_view kSuppressionMarker = "winerr-ignore";

class Document {
 public:
  Document(std::string uri, std::int64_t version, std::string text, std::string language_id = "");

  const std::string& uri() const { return uri_; }
  std::int64_t version() const { return version_; }
  // didOpen's languageId ("log", "powershell", "c", …): what rewrites make sense depends on it.
  const std::string& language_id() const { return language_id_; }
  const std::string& text() const { return *text_; }
  // The text as an immutable snapshot, for a scan running on another thread.
  std::shared_ptr<const std::string> snapshot() const { return text_; }
  const LineIndex& lines() const { return lines_; }
  // False only when the text surely holds no kSuppressionMarker (conservative: an edit that
  // removes the last one leaves it true).
  bool may_hold_suppression() const { return may_hold_suppression_; }

  // Applies the changes in order (see the rules above); returns what had to be repaired.
  std::vector<std::string> apply(std::int64_t version, const std::vector<TextChange>& changes, PositionEncoding enc,
                                 const Catalog& catalog);

  // Findings of the whole text, in document order; valid only when findings_ready(). They are
  // the scan's verdicts resolved with the document's profile (scanner.h).
  bool findings_ready() const { return findings_ready_; }
  const std::vector<Finding>& findings() const { return findings_; }
  const Profile& profile() const { return scan_.profile; }
  // Takes a whole-text scan (from the scan thread).
  void set_scan(ScanResult r);
  // Drops the findings (e.g. the catalog changed, or a full replacement arrived).
  void invalidate_findings() { findings_.clear(); scan_ = {}; findings_ready_ = false; }
  // Verdicts resolved again since the last edit (all of them when the profile's decisions
  // changed, else only the edited lines') — for tests and the benchmark.
  std::size_t last_resolved() const { return last_resolved_; }

  // Bytes rescanned by the last incremental update (for tests and the benchmark).
  std::size_t last_rescanned_bytes() const { return last_rescanned_; }

 private:
  void replace(std::size_t begin, std::size_t end, const std::string& inserted, const Catalog& catalog);

  std::string uri_;
  std::string language_id_;
  bool may_hold_suppression_ = false;
  std::int64_t version_;
  // Edited in place while no snapshot is out (a scan on another thread holds one); copied
  // on write otherwise, so a snapshot never changes under its reader.
  std::shared_ptr<std::string> text_;
  LineIndex lines_;
  ScanResult scan_;                // verdicts of every line, and the document's profile
  std::vector<Finding> findings_;  // scan_.judged resolved with scan_.profile
  bool findings_ready_ = false;
  std::size_t last_resolved_ = 0;
  std::size_t last_rescanned_ = 0;
};

}  // namespace winerr
