// policy.h — which findings a user sees, and how loud: the settings (ignore, forms, decimals,
// severity, showPossible) and the suppression comments applied to one document's findings.
// Built once per settings change (codes resolved against the catalog in use), asked per
// finding. The diagnostics, inlay hints and `check` all ask the same policy.
#pragma once

#include <map>
#include <optional>
#include <set>

#include "catalog.h"
#include "document.h"
#include "settings.h"

namespace winerr {

class Policy {
 public:
  Policy() = default;
  Policy(const Settings& s, const Catalog& catalog);

  // The LSP severity (1..4) the finding is shown with in a document of this kind, or none
  // when it is hidden. `suppressed`: a winerr-ignore comment covers it.
  std::optional<int> severity(const Finding& f, DocKind kind, bool suppressed = false) const;

 private:
  std::set<CodeKey> ignore_;
  std::map<CodeKey, Severity> codes_;
  std::optional<Severity> fallback_;
  std::map<DocKind, std::map<CodeKey, Severity>> kind_codes_;
  std::map<DocKind, Severity> kind_fallback_;
  std::set<Form> forms_ = {Form::Name, Form::Hex, Form::Hresult, Form::HresultDecimal, Form::Decimal};
  Decimals decimals_ = Decimals::Context;
  bool show_possible_ = true;
};

// The severity a finding has before any setting: by what the code is (Error; Warning for
// WARNING_*; Information for a range marker) where it stands in a log, Information in a
// script or source file (which handles the code) and in markdown (which writes about it),
// and Hint when the scanner is not sure.
int default_severity(const Finding& f, DocKind kind);

// One mention, one diagnostic: is findings[i] the second spelling of the mention before it
// (`13801(ERROR_IPSEC_IKE_AUTH_FAIL)`, `13806 (0x35EE)`)? True when findings[i - 1] is the
// same code and one of the two was found by the other (its cue is the other's token). Hover
// and code actions still see both tokens.
bool repeats_mention(const std::vector<Finding>& findings, std::size_t i);
bool same_mention(const Finding& before, const Finding& f);  // the same test for two in a row

// The rule of what a user sees, one finding at a time in document order: the settings'
// severity, no suppressed finding, and one per mention (a spelling right after the shown one
// of the same mention is left out). visible_findings applies it to a document; a file read in
// pieces (file_scan.h) and `check --follow` apply it as their findings come.
class MentionFilter {
 public:
  MentionFilter(const Policy& policy, DocKind kind) : policy_(policy), kind_(kind) {}
  // f's severity when it is shown, else none. `is_suppressed()` is asked only when the settings
  // show it (reading the lines for a suppression comment costs more).
  template <class Suppressed>
  std::optional<int> next(const Finding& f, Suppressed&& is_suppressed);
  void restart() { before_.reset(); }  // a new text (a rotated log read again)

 private:
  const Policy& policy_;
  DocKind kind_;
  std::optional<Finding> before_;  // the finding before f, and whether it was shown
  bool before_shown_ = false;
};

// What a user sees of a document's findings, in document order, each with its LSP severity:
// the settings, the suppression comments, one per mention. Diagnostics (before their cap), the
// outline and the links all show this list.
struct Visible {
  const Finding* finding;
  int severity;
};
std::vector<Visible> visible_findings(const Document& doc, const std::vector<Finding>& findings, const Policy& policy,
                                      const Catalog& catalog);
// The same list for findings[first, last) only, exactly as the whole document shows them (a
// mention that began before `first` is judged from its start), cut after `max` (semantic
// tokens: a part of a document, and no more than a response holds).
std::vector<Visible> visible_findings(const Document& doc, const std::vector<Finding>& findings, const Policy& policy,
                                      const Catalog& catalog, std::size_t first, std::size_t last, std::size_t max);

// Is the finding covered by a suppression comment: `winerr-ignore` on its line, or
// `winerr-ignore-next-line` on the line before, after a comment marker (# // -- ; ' REM ::
// <!-- /* %), optionally followed by the codes it is limited to ("winerr-ignore 13801 0x35EE").
bool suppressed(const Document& doc, const Finding& f, const Catalog& catalog);

template <class Suppressed>
std::optional<int> MentionFilter::next(const Finding& f, Suppressed&& is_suppressed) {
  const bool repeats = before_ && before_shown_ && same_mention(*before_, f);
  before_ = f;
  before_shown_ = false;
  if (repeats) return std::nullopt;
  auto sev = policy_.severity(f, kind_);
  if (!sev || is_suppressed()) return std::nullopt;
  before_shown_ = true;
  return sev;
}

}  // namespace winerr
