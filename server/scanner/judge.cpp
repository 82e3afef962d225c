// judge.cpp — see judge.h for the rules.
#include "judge.h"

#include <unordered_map>

#include "context_words.h"
#include "lexical.h"

namespace winerr {

namespace {

enum class WordClass : std::uint8_t { Neutral, Positive, Negative };

// Every word of every line is asked whether it is IPsec evidence, so a set answers "no" for
// most words without comparing: a mask per length of the first letters its words start with.
constexpr std::uint32_t first_letter_bit(char c) { return c >= 'a' && c <= 'z' ? 1u << (c - 'a') : 1u << 26; }
struct FirstLetters {
  std::uint32_t by_length[33] = {};
};
template <std::size_t N>
constexpr FirstLetters first_letters(const std::string_view (&set)[N]) {
  FirstLetters f;
  for (std::string_view s : set)
    if (!s.empty() && s.size() < 33) f.by_length[s.size()] |= first_letter_bit(s[0]);
  return f;
}
template <const auto& Set>
bool contains(std::string_view w) {
  static constexpr FirstLetters kMask = first_letters(Set);
  if (w.empty() || w.size() >= 33 || !(kMask.by_length[w.size()] & first_letter_bit(w[0]))) return false;
  for (std::string_view s : Set)
    if (s == w) return true;
  return false;
}

WordClass class_of_exact(std::string_view lower_word) {
  if (contains<context_words::kPositive>(lower_word)) return WordClass::Positive;
  if (contains<context_words::kNegative>(lower_word)) return WordClass::Negative;
  return WordClass::Neutral;
}

// A word's class: the whole word, else its last part (the head of a compound: errorCount is a
// count, lastErrorCode a code), else any part, else "…error…"/"…status…" inside it.
WordClass classify(std::string_view word) {
  std::array<char, 32> buf{};
  // A word too long for the buffer (ERROR_IPSEC_IKE_PROCESSING_FAILURE) is no context word
  // itself, but its parts still speak.
  const std::string_view w = lower(word, buf);
  if (!w.empty())
    if (WordClass c = class_of_exact(w); c != WordClass::Neutral) return c;
  // Only the head (last part) makes a compound a quantity: FwpmFilterAdd is no filter id.
  WordClass last = WordClass::Neutral;
  bool any_pos = false;
  for_each_part(word, [&](std::string_view part) {
    std::array<char, 32> pb{};
    last = class_of_exact(lower(part, pb));
    any_pos = any_pos || last == WordClass::Positive;
  });
  if (last != WordClass::Neutral) return last;
  if (any_pos) return WordClass::Positive;
  // dwerror, hrstatus: lower-case compounds that carry the word.
  if (w.find("error") != std::string_view::npos || w.find("status") != std::string_view::npos ||
      w.find("hresult") != std::string_view::npos)
    return WordClass::Positive;
  if (w.size() > 4 && (w.ends_with("address") || w.ends_with("addr") || w.ends_with("offset"))) return WordClass::Negative;
  return WordClass::Neutral;
}

bool is_ipsec_word(std::string_view word) {
  std::array<char, 32> buf{};
  const std::string_view w = lower(word, buf);
  if (contains<context_words::kIpsecEvidence>(w)) return true;
  // IPSecException, ikeextTrace: a long evidence word leading the word (case-split parts
  // would cut "IPSec" into "IP" and "Sec").
  static constexpr std::uint32_t kPrefixStarts = [] {
    std::uint32_t m = 0;
    for (std::string_view e : context_words::kIpsecEvidencePrefixes) m |= first_letter_bit(e[0]);
    return m;
  }();
  if (!w.empty() && (kPrefixStarts & first_letter_bit(w[0])))
    for (std::string_view e : context_words::kIpsecEvidencePrefixes)
      if (w.size() > e.size() && w.starts_with(e)) return true;
  bool hit = false;
  for_each_part(word, [&](std::string_view part) {
    std::array<char, 32> pb{};
    hit = hit || contains<context_words::kIpsecEvidence>(lower(part, pb));
  });
  return hit;
}

bool is_unit(std::string_view word) {
  std::array<char, 32> buf{};
  const auto w = lower(word, buf);
  return !w.empty() && contains<context_words::kNegativeAfter>(w);
}

class LineJudge {
 public:
  LineJudge(std::string_view t, const std::vector<Token>& k, ScanResult& out) : t_(t), k_(k), out_(out) {}

  void run() {
    kept_.assign(k_.size(), -1);
    for (std::size_t i = 0; i < k_.size(); ++i) {
      const Token& k = k_[i];
      if (k.kind == Token::Kind::Word) {
        if (is_ipsec_word(text(k))) ++out_.profile.evidence;
        continue;
      }
      if (k.kind == Token::Kind::Name) {
        ++out_.profile.evidence;
        keep(i, Verdict::Certain, Why::CatalogName, npos);
        continue;
      }
      if (k.glued) continue;
      if (at_key_position(i)) {
        ++out_.profile.key_rows;
        if (k.is_candidate() && (k.form == Form::Decimal || k.form == Form::Hex)) ++out_.profile.key_rows_family;
      }
      if (!k.is_candidate()) {
        // "error 1603": a number with error context outside the family says this document
        // speaks of other error numbers (another vendor's, or other Windows errors).
        if (k.plain_decimal && k.value >= 100 && context(i).cls == WordClass::Positive) ++out_.profile.foreign_numbers;
        continue;
      }
      judge_candidate(i);
    }
  }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  struct Context {
    WordClass cls = WordClass::Neutral;
    std::size_t cue = npos;  // token index of the deciding word
    Why why = Why::WordBefore;
    bool owned = false;  // a key owns the value (even if the key is neutral)
  };

  std::string_view text(const Token& k) const { return t_.substr(k.begin, k.run_end - k.begin); }
  // The bytes between token i-1 and token i (from the line's start for i == 0 — callers pass
  // the line start through the first token's position).
  std::string_view gap_before(std::size_t i) const {
    if (i == 0) {
      std::size_t b = k_[0].begin;
      while (b > 0 && t_[b - 1] != '\n' && t_[b - 1] != '\r') --b;
      return t_.substr(b, k_[0].begin - b);
    }
    return t_.substr(k_[i - 1].run_end, k_[i].begin - k_[i - 1].run_end);
  }
  static bool only(std::string_view s, std::string_view chars) { return s.find_first_not_of(chars) == std::string_view::npos; }
  static bool ends_sentence(std::string_view gap) {
    for (std::size_t p = 0; p < gap.size(); ++p) {
      const char c = gap[p];
      if (c == ';' || c == '!' || c == '?' || c == '|') return true;
      if (c == '.' && (p + 1 == gap.size() || gap[p + 1] == ' ' || gap[p + 1] == '\t')) return true;
    }
    return false;
  }
  // Punctuation only, short: "(", " = ", " - ", ", ", ": ".
  static bool beside_gap(std::string_view gap) {
    return gap.size() <= 4 && only(gap, " \t()[]=:,-/\"'");
  }

  // The key that owns token i, if a key=value / key: value / "key": value structure does.
  Context key_owner(std::size_t i) const {
    Context c;
    if (i == 0) return c;
    std::string_view g = gap_before(i);
    // From the right: spaces, an opening quote, then the separator.
    std::size_t e = g.size();
    while (e > 0 && (g[e - 1] == ' ' || g[e - 1] == '\t')) --e;
    if (e > 0 && (g[e - 1] == '"' || g[e - 1] == '\'')) --e;
    const bool space_after = e < g.size() && (g[e] == ' ' || g[e] == '\t');
    if (e == 0) return c;
    bool colon = false;
    if (g[e - 1] == '=' || g[e - 1] == ':') {
      colon = g[e - 1] == ':';
      if (e >= 2 && (g[e - 2] == '=' || g[e - 2] == '!' || g[e - 2] == '<' || g[e - 2] == '>')) return c;  // a comparison
      --e;
      if (e > 0 && g[e - 1] == ':') --e;  // :=
    } else if (e >= 2 && g[e - 1] == '>' && (g[e - 2] == '=' || g[e - 2] == '-')) {
      e -= 2;  // => and ->: a map arrow
    } else {
      return c;
    }
    // Between the key and the separator: spaces, a closing quote or bracket.
    if (!only(g.substr(0, e), " \t\"']")) return c;
    const Token& key = k_[i - 1];
    // A name as the key labels its value (NameBeside); a number is no key.
    if (key.kind != Token::Kind::Word) return c;
    c.owned = true;
    c.why = Why::KeyOwns;
    c.cue = i - 1;
    // A dotted or dashed key (retry.delay.ms, x-error-code): its last part is its head; if it
    // is neutral, the parts before it speak.
    for (std::size_t q = i; q-- > 0;) {
      if (k_[q].kind == Token::Kind::Number) break;
      const WordClass wc = classify(text(k_[q]));
      if (wc != WordClass::Neutral) {
        c.cls = wc;
        break;
      }
      if (q == 0 || !only(gap_before(q), ".-") || gap_before(q).empty()) break;
    }
    // `ERROR_BIDI_ERROR_BASE: DWORD = 13000` (Rust, TypeScript): a neutral type sits between
    // the name and its value; the name before the type speaks.
    if (c.cls == WordClass::Neutral && !colon && i >= 2 && k_[i - 2].kind == Token::Kind::Word &&
        only(gap_before(i - 1), " \t:") && gap_before(i - 1).find(':') != std::string_view::npos) {
      c.cls = classify(text(k_[i - 2]));
      if (c.cls != WordClass::Neutral) c.cue = i - 2;
    }
    // "Known failures: 13806" reads as prose: a neutral key before ": " does not own.
    if (c.cls == WordClass::Neutral && colon && space_after) c.owned = false;
    return c;
  }

  // A comparison before token i: its operand decides.
  Context compared(std::size_t i) const {
    Context c;
    if (i == 0) return c;
    std::string_view g = gap_before(i);
    std::size_t operand = npos;
    if (g.find("==") != std::string_view::npos || g.find("!=") != std::string_view::npos ||
        g.find("<>") != std::string_view::npos) {
      operand = i - 1;
    } else if (i >= 2 && k_[i - 1].kind == Token::Kind::Word && only(g, " \t") && gap_before(i - 1).ends_with("-")) {
      std::array<char, 32> buf{};
      if (contains<context_words::kCompareWords>(lower(text(k_[i - 1]), buf))) operand = i - 2;
    }
    if (operand == npos || k_[operand].kind != Token::Kind::Word) return c;
    c.cls = classify(text(k_[operand]));
    c.cue = operand;
    c.why = Why::Compared;
    c.owned = true;
    return c;
  }

  // The nearest classified word earlier in token i's sentence.
  Context sentence(std::size_t i, std::size_t max_words) const {
    Context c;
    std::size_t words = 0;
    for (std::size_t q = i; q-- > 0 && words < max_words;) {
      if (ends_sentence(gap_before(q + 1))) break;
      if (k_[q].kind != Token::Kind::Word) continue;
      ++words;
      const WordClass wc = classify(text(k_[q]));
      if (wc != WordClass::Neutral) {
        c.cls = wc;
        c.cue = q;
        return c;
      }
    }
    return c;
  }

  // The nearest classified word later in token i's sentence ("the 13801 IKE authentication
  // failure error", "what 13004 and 13005 codes mean"). A word that is itself a key
  // ("status=ok") speaks for its own value, not for this one.
  Context later_in_sentence(std::size_t i, std::size_t max_words) const {
    Context c;
    std::size_t words = 0;
    for (std::size_t q = i + 1; q < k_.size() && words < max_words; ++q) {
      if (ends_sentence(gap_before(q))) break;
      if (k_[q].kind != Token::Kind::Word) continue;
      ++words;
      const std::string_view after = q + 1 < k_.size() ? gap_before(q + 1) : std::string_view{};
      if (!after.empty() && (after[0] == '=' || (after[0] == ':' && after.size() == 1))) continue;
      WordClass wc = classify(text(k_[q]));
      if (wc == WordClass::Positive) {
        std::array<char, 32> buf{};
        if (!contains<context_words::kPositiveAfter>(lower(text(k_[q]), buf))) wc = WordClass::Neutral;
      }
      if (wc != WordClass::Neutral) {
        c.cls = wc;
        c.cue = q;
        c.why = Why::WordLater;
        return c;
      }
    }
    return c;
  }

  // Error context of token i from its key, a comparison, the word after, or its sentence
  // (the words before it first, then those after it).
  Context context(std::size_t i, std::size_t max_words = 16) const {
    if (Context c = key_owner(i); c.owned) return c;
    if (Context c = compared(i); c.owned && c.cls != WordClass::Neutral) return c;
    if (i + 1 < k_.size() && k_[i + 1].kind == Token::Kind::Word && only(gap_before(i + 1), " \t")) {
      const std::string_view w = text(k_[i + 1]);
      if (w == "error" || w == "Error" || w == "ERROR") return {WordClass::Positive, i + 1, Why::WordAfter, false};
    }
    if (Context c = sentence(i, max_words); c.cls != WordClass::Neutral) return c;
    return later_in_sentence(i, 6);
  }

  // "13806: IKE failed to find valid machine certificate": the code's own message follows it
  // (its first words, at least three, or all of a shorter message), after punctuation only.
  bool message_follows(std::size_t i) const {
    const std::string_view msg = k_[i].entry->message;
    std::size_t m = 0, matched = 0, q = i + 1;
    if (q >= k_.size() || !only(gap_before(q), " \t:-()\"'")) return false;
    while (matched < 4) {
      while (m < msg.size() && !is_word_char(static_cast<unsigned char>(msg[m]))) ++m;
      if (m >= msg.size()) break;  // the whole message matched
      std::size_t me = m;
      while (me < msg.size() && is_word_char(static_cast<unsigned char>(msg[me]))) ++me;
      if (q >= k_.size() || k_[q].kind == Token::Kind::Number) return false;
      std::array<char, 32> a{}, b{};
      const std::string_view want = lower(msg.substr(m, me - m), a);
      if (want.empty() || want != lower(text(k_[q]), b)) return false;
      ++matched;
      m = me;
      ++q;
    }
    return matched >= 3 || (matched > 0 && m >= msg.size());
  }

  // "13805 PeerReachability", "13825/13868 IkePolicyMismatch": numbers opening a quoted
  // string and naming the label after them (a row of a pick-list of codes). Like an error
  // word, the label makes them codes in an IPsec document.
  bool leads_quoted_label(std::size_t i) const {
    const std::string_view g = gap_before(i);
    if (!(g.ends_with('"') || g.ends_with('\''))) return false;
    std::size_t q = i + 1;
    while (q < k_.size() && k_[q].kind == Token::Kind::Number && gap_before(q) == "/") ++q;
    return q < k_.size() && k_[q].kind != Token::Kind::Number && gap_before(q) == " " &&
           is_upper(static_cast<unsigned char>(t_[k_[q].begin]));
  }

  // Leading its line (only punctuation before it), or right after `case`/`when`.
  bool at_key_position(std::size_t i) const {
    if (i == 0) return only(gap_before(0), " \t{[(\"'-*#>|");
    if (k_[i - 1].kind == Token::Kind::Word && only(gap_before(i), " \t")) {
      std::array<char, 32> buf{};
      return contains<context_words::kTableKeywords>(lower(text(k_[i - 1]), buf));
    }
    return false;
  }

  // A name or another spelling of the same code right beside token i, or the code's name
  // anywhere on the line.
  std::size_t labelled_by(std::size_t i, Why& why) const {
    const Token& k = k_[i];
    for (std::size_t q : {i - 1, i + 1}) {
      if (q >= k_.size()) continue;  // i - 1 wraps for i == 0
      const Token& o = k_[q];
      const std::string_view gap = q < i ? gap_before(i) : gap_before(q);
      if (!beside_gap(gap)) continue;
      if (o.kind == Token::Kind::Name) { why = Why::NameBeside; return q; }
      if (o.is_candidate() && o.entry == k.entry && o.form != k.form) { why = Why::SameValueBeside; return q; }
    }
    if (const std::size_t q = first_name_of(k.entry); q != npos) {
      why = Why::NameBeside;
      return q;
    }
    return npos;
  }

  // The first Name token of the line naming `entry`. The names are listed once per line, on
  // the first call: a one-line log of 20 MB holds 20,000 candidates and 60,000 tokens, and a
  // walk over the tokens per candidate took seconds.
  std::size_t first_name_of(const Entry* entry) const {
    if (!names_listed_) {
      names_listed_ = true;
      for (std::size_t q = 0; q < k_.size(); ++q)
        if (k_[q].kind == Token::Kind::Name) first_name_.emplace(k_[q].entry, q);  // keeps the first
    }
    const auto it = first_name_.find(entry);
    return it == first_name_.end() ? npos : it->second;
  }

  void keep(std::size_t i, Verdict level, Why why, std::size_t cue) {
    const Token& k = k_[i];
    const bool possible = level == Verdict::Possible || level == Verdict::Bare;
    Finding f{k.begin, k.end, k.entry, k.form, possible ? Confidence::Possible : Confidence::Certain, why};
    if (cue != npos) {
      f.cue_offset = static_cast<std::int32_t>(static_cast<std::ptrdiff_t>(k_[cue].begin) - static_cast<std::ptrdiff_t>(k.begin));
      f.cue_length = static_cast<std::uint16_t>(std::min<std::size_t>(k_[cue].run_end - k_[cue].begin, 0xFFFF));
    }
    kept_[i] = static_cast<std::ptrdiff_t>(out_.judged.size());
    out_.judged.push_back({f, level});
    if (level == Verdict::Certain && (k.form == Form::Hex || k.form == Form::Hresult || k.form == Form::HresultDecimal))
      ++out_.profile.evidence;
  }

  void judge_candidate(std::size_t i) {
    const Token& k = k_[i];
    const bool bare_hresult = k.form == Form::Hresult && !(t_[k.begin] == '0' && k.end - k.begin > 2 && (t_[k.begin + 1] == 'x' || t_[k.begin + 1] == 'X'));
    // Whatever is no finding: a decimal is still kept as bare (shown only with decimals: "any").
    auto no_finding = [&] {
      if (k.form == Form::Decimal) keep(i, Verdict::Bare, Why::BareDecimal, npos);
    };
    // A unit right after: "13801 bytes".
    if (i + 1 < k_.size() && k_[i + 1].kind == Token::Kind::Word && only(gap_before(i + 1), " \t") &&
        is_unit(text(k_[i + 1])))
      return no_finding();
    const bool status_form = (k.form == Form::Hresult && !bare_hresult) || k.form == Form::HresultDecimal ||
                             (k.form == Form::Hex && k.entry->family != Family::Win32);
    // A name or another spelling of the same code beside it outweighs any word.
    Why why{};
    if (!status_form && !bare_hresult)
      if (std::size_t by = labelled_by(i, why); by != npos) return keep(i, Verdict::Certain, why, by);
    if (!status_form && !bare_hresult && message_follows(i)) return keep(i, Verdict::Certain, Why::MessageFollows, npos);
    const Context ctx = context(i, k.form == Form::Decimal ? 16 : 3);
    if (ctx.cls == WordClass::Negative) return no_finding();  // "address: 0x80073613", "port 13801"
    if (status_form) return keep(i, Verdict::Certain, Why::HresultForm, npos);
    if (bare_hresult) {
      if (ctx.cls == WordClass::Positive) keep(i, Verdict::Certain, ctx.why, ctx.cue);
      return;
    }
    if (ctx.cls == WordClass::Positive) {
      if (k.form == Form::Decimal) ++out_.profile.family_decimals;
      return keep(i, k.form == Form::Decimal ? Verdict::NeedsIpsec : Verdict::Certain, ctx.why, ctx.cue);
    }
    // Before a key's ownership: in `"value": "13805 PeerReachability"` the label speaks.
    if (leads_quoted_label(i)) {
      if (k.form == Form::Decimal) ++out_.profile.family_decimals;
      return keep(i, Verdict::NeedsIpsec, Why::LeadsLabel, npos);
    }
    // "error 13868/13825": a list continues the verdict before it (a hex after an error
    // word is certain where a decimal still needs the document's say).
    if (i > 0 && kept_[i - 1] >= 0 && k_[i - 1].kind == Token::Kind::Number && gap_before(i).size() <= 6 &&
        !gap_before(i).empty() && only(gap_before(i), " ,/;|")) {
      const Judged& prev = out_.judged[static_cast<std::size_t>(kept_[i - 1])];
      Verdict lv = prev.verdict;
      if (k.form == Form::Hex && lv == Verdict::NeedsIpsec) lv = Verdict::Certain;
      if (k.form == Form::Decimal && lv == Verdict::Certain) lv = Verdict::NeedsIpsec;
      const bool inherits = !(k.form == Form::Decimal && lv == Verdict::Possible);
      if (inherits && lv != Verdict::Possible && lv != Verdict::Bare) {
        if (lv == Verdict::NeedsIpsec) ++out_.profile.family_decimals;
        return keep(i, lv, Why::ListContinues, i - 1);
      }
    }
    if (ctx.owned) {  // a neutral key owns it: "host:13801", "foo=0x35E9"
      if (k.form == Form::Hex) keep(i, Verdict::Possible, Why::NoErrorContext, npos);
      return no_finding();
    }
    if (at_key_position(i)) return keep(i, Verdict::NeedsTable, Why::TableOfCodes, npos);
    if (k.form == Form::Hex) keep(i, Verdict::Possible, Why::NoErrorContext, npos);
    no_finding();
  }

  std::string_view t_;
  const std::vector<Token>& k_;
  ScanResult& out_;
  std::vector<std::ptrdiff_t> kept_;  // per token: index of its verdict in out_.judged, or -1
  mutable bool names_listed_ = false;
  mutable std::unordered_map<const Entry*, std::size_t> first_name_;  // see first_name_of
};

}  // namespace

void judge_line(std::string_view text, const std::vector<Token>& tokens, ScanResult& out) {
  if (tokens.empty()) return;
  LineJudge(text, tokens, out).run();
}

}  // namespace winerr
