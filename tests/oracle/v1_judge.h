// v1_judge.h — decides the candidates of one line (finder.h) from that line's tokens, the way a
// The scanner as it was on main 5184616, kept verbatim (namespace winerr::v1) as the oracle
// the next scanner is compared with (tests/oracle/README.md). Do not edit but to follow the
// types it shares with the product (scanner.h).
// person reads them, and adds the line's share to the document profile. Std only.
//
// The rules, in the order they are tried (the first that decides wins):
//  - a catalog name is certain; an HRESULT/NTSTATUS spelling is certain unless a quantity or
//    place word owns it ("address: 0x80073613"); a bare 8-digit HRESULT needs an HRESULT or
//    error word;
//  - a unit right after ("13801 bytes") drops it;
//  - a catalog name beside it (13801(ERROR_…), ERROR_… = 13801) or another spelling of the
//    same code beside it (13806 (0x35EE)), or a name of the same code on the line, makes it
//    certain;
//  - key=value, key: value, "key": value — the value belongs to its key, and only that key
//    decides (split into parts: rx_bytes and backoffMs are quantities, lastErrorCode and hr
//    error keys); a neutral key after '=' or a glued ':' owns its value too ("host:13801");
//  - a comparison (`$LASTEXITCODE -eq 13806`, `rc == 13806`) is decided by its operand;
//  - "13806 error": the word right after;
//  - otherwise the nearest error or quantity word earlier in its sentence (which ends at
//    . ; ! ? | and the line's end);
//  - a number continuing a list ("13868/13825", "13801, 13806") takes the verdict before it;
//  - a number in a table-key position (leading its line, or after `case`) is a key of a
//    table; it counts only if the document's table keys are mostly IPsec codes;
//  - a bare hex value is otherwise possible; a decimal is otherwise no finding.
// Decimals decided by an error word are NeedsIpsec (see scanner.h).
#pragma once

#include <string_view>
#include <vector>

#include "v1_finder.h"
#include "scanner.h"

namespace winerr::v1 {

// Judges the candidates among `tokens` (one line of `text`), appending verdicts and the
// line's profile to `out`.
void judge_line(std::string_view text, const std::vector<Token>& tokens, ScanResult& out);

}  // namespace winerr::v1
