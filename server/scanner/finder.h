// finder.h — the candidate finder: cuts one line into tokens (words, numbers, catalog names)
// and marks the numbers that can be codes. Lexical only: it never looks at what a word means
// (that is the judge's work, judge.h). Std only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "catalog.h"
#include "scanner.h"

namespace winerr {

struct Token {
  enum class Kind : std::uint8_t { Word, Number, Name };
  Kind kind = Kind::Word;
  std::size_t begin = 0;  // for a negative number, the '-'
  std::size_t end = 0;    // a number's digits without a C/Rust suffix
  std::size_t run_end = 0;  // end of the whole run of word bytes (suffix included)
  // Numbers: glued to something longer ("10.13.80.1", "host:13801", "13801.log"): never a
  // mention and no evidence of anything.
  bool glued = false;
  // Numbers: the token is a candidate — its value is a catalog code in this spelling.
  const Entry* entry = nullptr;  // candidates and names
  Form form = Form::Decimal;
  bool plain_decimal = false;  // digits only (after the suffix), not negative
  std::uint64_t value = 0;     // plain decimals: the value (for "other error numbers")
  bool is_candidate() const { return kind == Kind::Number && entry != nullptr && !glued; }
};

// After a number's run ending at e: does what follows glue it to something longer?
// "13801.log", "10.13.80.1", "08:14", "13801-", "13801%". Looks at t[e] and t[e + 1] only.
bool glued_after(std::string_view t, std::size_t e);

// Tokens of the line that starts at `begin`; returns the offset of the line's end (its "\n",
// lone "\r", or the end of the text). `out` is cleared first.
std::size_t find_tokens(std::string_view text, std::size_t begin, const Catalog& catalog, std::vector<Token>& out);

}  // namespace winerr
