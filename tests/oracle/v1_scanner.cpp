// v1_scanner.cpp — see v1_scanner.h. The line loop of server/scanner/scanner.cpp as it was.
#include "v1_scanner.h"

#include <vector>

#include "v1_finder.h"
#include "v1_judge.h"

namespace winerr::v1 {

void scan_lines(std::string_view text, std::size_t begin, std::size_t end, const Catalog& catalog, ScanResult& out) {
  if (begin >= end || begin > text.size()) return;
  std::vector<Token> tokens;
  std::size_t i = begin;
  while (true) {
    // Qualified: ScanResult is winerr's, so an unqualified call would also find, by ADL, the
    // product's functions of the same name.
    const std::size_t line_end = v1::find_tokens(text, i, catalog, tokens);
    v1::judge_line(text, tokens, out);
    if (line_end >= text.size()) return;
    i = line_end + 1;
    if (i >= end) return;
  }
}

ScanResult scan_all(std::string_view text, const Catalog& catalog) {
  ScanResult r;
  v1::scan_lines(text, 0, text.size(), catalog, r);
  return r;
}

}  // namespace winerr::v1
