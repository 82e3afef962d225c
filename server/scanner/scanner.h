// scanner.h — finds error-code mentions in text. Pure: bytes in, findings out.
//
// Contract: knows nothing of LSP, JSON, lines/columns in any encoding, or documents. Offsets
// are byte offsets into the text it was given. Three stages, kept apart:
//  0. anchors (anchors.h) find, a block of bytes at a time, the places where the judge could
//     find anything: a catalog code or name, an IPsec word, an error word, a table keyword.
//     A line without one is not cut into tokens; it can only count as a table row, which its
//     first token says (Scanner v2: the result is the one reading every line gives, held to
//     tests/oracle);
//  1. the candidate finder (finder.h) reads each line once and cuts it into tokens: words,
//     numbers, catalog names; a number whose value is a catalog code is a candidate;
//  2. the judge (judge.h) decides each candidate from its line's tokens — the key that owns
//     it, its sentence, a name beside it, the table it sits in — and adds what the line says
//     about the whole document to a small Profile (IPsec evidence, other error numbers, rows
//     that lead with a number). A verdict that needs the document (a decimal's "is this an
//     IPsec document at all?") is kept as a Verdict and settled by resolve() with the profile,
//     so a document whose profile changes is re-judged without reading its bytes again.
//
// What counts as a mention, and how sure we are:
//  - symbolic names (whole known names only), HRESULT/NTSTATUS forms         -> certain
//  - bare hex in range (0x35E9): certain with error context, else possible
//  - plain decimal (13801): with error context certain in a document with IPsec evidence,
//    possible in one without (another vendor's 13806); without context no finding at all,
//    except as a key of a table of IPsec codes (`case 13806:`).
// Every finding carries the reason (Why) and the word that gave it (the cue), for the reader.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog.h"

namespace winerr {

enum class Form : std::uint8_t { Name, Hex, Hresult, HresultDecimal, Decimal };
enum class Confidence : std::uint8_t { Certain, Possible };

// Why a finding was reported (or reported as possible).
enum class Why : std::uint8_t {
  CatalogName,      // the token is a catalog name
  HresultForm,      // an HRESULT/NTSTATUS spelling says it alone
  KeyOwns,          // key=value: the key (cue) is an error key
  WordBefore,       // an error word (cue) earlier in its sentence
  WordAfter,        // "13806 error": the word (cue) right after
  WordLater,        // "the 13801 IKE authentication failure error": an error word (cue) later in its sentence
  LeadsLabel,       // "13805 PeerReachability": it opens a quoted label
  MessageFollows,   // "13806: IKE failed to find valid machine certificate": the code's own text follows
  Compared,         // compared with / returned as an error value (cue: the operand or keyword)
  NameBeside,       // a catalog name (cue) labels it: 13801(ERROR_…), ERROR_… = 13801
  SameValueBeside,  // written beside another spelling of the same code (cue): 13806 (0x35EE)
  ListContinues,    // continues a list after a code (cue)
  TableOfCodes,     // a key of a table whose keys are IPsec codes
  NoErrorContext,   // possible: a bare hex number with nothing saying it is an error
  NoIpsecContext,   // possible: error context, but nothing in the document is IPsec/IKE/VPN
  BareDecimal,      // an in-range decimal with nothing saying it is a code (shown only with
                    // the setting decimals: "any"; see is_bare)
};

std::string_view to_string(Form);
std::string_view to_string(Confidence);
std::string_view to_string(Why);  // a short id: "key", "word_before", …

struct Finding {
  std::size_t begin = 0;  // byte offset of the first byte of the token
  std::size_t end = 0;    // one past the last byte (a C suffix like the L of 13801L is not included)
  const Entry* entry = nullptr;  // never null in a returned finding
  Form form = Form::Name;
  Confidence confidence = Confidence::Certain;
  Why why = Why::CatalogName;
  // The cue, relative to `begin` (so it moves with the finding under edits); length 0: none.
  std::int32_t cue_offset = 0;
  std::uint16_t cue_length = 0;
};

// "found as a decimal: the key `status` owns it" — the reason in words, for hover and --why.
std::string explain_why(const Finding& f, std::string_view text);

// What the judge could decide from the line alone.
enum class Verdict : std::uint8_t {
  Certain,     // the line says it (names, HRESULTs, error keys for hex, a name beside it…)
  NeedsIpsec,  // a decimal with error context: certain in an IPsec document, else possible
  NeedsTable,  // a decimal in a table-key position: a finding only in a table of IPsec codes
  Possible,    // a bare hex value without context
  Bare,        // an in-range decimal the judge found no reason for (decimals: "any" shows it)
};
struct Judged {
  Finding finding;
  Verdict verdict = Verdict::Certain;
};

// What the document as a whole says, summed over its lines (so it can be updated by
// subtracting an edited region's old lines and adding its new ones).
struct Profile {
  std::uint32_t evidence = 0;          // IPsec/IKE/VPN words, catalog names, certain hex/HRESULTs
  std::uint32_t family_decimals = 0;   // in-family decimals with error context
  std::uint32_t foreign_numbers = 0;   // other numbers (100+) with error context: "error 1603"
  std::uint32_t key_rows = 0;          // numbers in a table-key position, any value
  std::uint32_t key_rows_family = 0;   // … whose value is a catalog code
  Profile& operator+=(const Profile& o);
  Profile& operator-=(const Profile& o);
  // Is this an IPsec/IKE/VPN document? (Decides NeedsIpsec.)
  bool ipsec() const;
  // Do its table keys look like a table of IPsec codes? (Decides NeedsTable.)
  bool table_of_codes() const;
  bool operator==(const Profile&) const = default;
};

struct ScanResult {
  std::vector<Judged> judged;  // in text order
  Profile profile;
};

// Scans the lines that start in [begin, end) and appends their candidates and profile to
// `out`. `begin` must be 0 or a line start (after "\n" or a lone "\r"); `end` is rounded up to
// the end of its line. A line is judged from itself alone: scanning any set of whole lines
// gives the same verdicts as scanning the whole text.
void scan_lines(std::string_view text, std::size_t begin, std::size_t end, const Catalog& catalog, ScanResult& out);

// A bare decimal (Why::BareDecimal): kept in a document's findings so that the setting
// decimals: "any" applies without a rescan, but shown only under that setting.
inline bool is_bare(const Finding& f) { return f.why == Why::BareDecimal; }

// The finding a verdict becomes in a document with this profile, or none. Bare verdicts
// become bare findings (possible).
std::optional<Finding> resolve(const Judged& j, const Profile& p);
std::vector<Finding> resolve(const std::vector<Judged>& judged, const Profile& p);

// The verdicts and profile of the whole text (what a document keeps). A text of
// kParallelScanBytes or more is cut at line starts into `threads` pieces (0: one per core, at
// most 8) scanned at once; the result is the same as one pass.
inline constexpr std::size_t kParallelScanBytes = std::size_t{1} << 20;
ScanResult scan_verdicts(std::string_view text, const Catalog& catalog, unsigned threads = 0);
// Offsets that cut the text into at most `parts` pieces at line starts: 0, …, text.size().
std::vector<std::size_t> split_at_lines(std::string_view text, std::size_t parts);
// Scans the whole text and resolves it with its own profile; bare decimals only when asked.
std::vector<Finding> scan(std::string_view text, const Catalog& catalog, bool with_bare = false);

}  // namespace winerr
