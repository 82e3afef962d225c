// v1_scanner.h — the oracle's front: today's scanner (main 5184616: every line cut into tokens,
// every candidate judged) kept in tests/ so that the next scanner can be held to it. The
// contract it checks (issue 23): identical findings, verdicts, reasons, cues and profile.
#pragma once

#include <cstddef>
#include <string_view>

#include "catalog.h"
#include "scanner.h"

namespace winerr::v1 {

// As winerr::scan_lines on main 5184616: the lines that start in [begin, end), all tokenised.
void scan_lines(std::string_view text, std::size_t begin, std::size_t end, const Catalog& catalog, ScanResult& out);
// The whole text in one pass.
ScanResult scan_all(std::string_view text, const Catalog& catalog);

}  // namespace winerr::v1
