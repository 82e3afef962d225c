// scanner.h — finds error-code mentions in text. Pure: bytes in, findings out.
//
// Contract: knows nothing of LSP, JSON, lines/columns in any encoding, or documents. Offsets
// are byte offsets into the text it was given. One forward pass over the bytes: each token is
// read once, context words are remembered (not re-read) and classified only when a number
// needs them. No regex.
//
// What counts as a mention, and how sure we are:
//  - symbolic names (whole known names only)                         -> certain
//  - HRESULT 0x8007xxxx / 0x8032xxxx, NTSTATUS 0xC036xxxx              -> certain
//  - HRESULT as decimal, signed (-2147011095) or unsigned (2147956201) -> certain
//  - bare hex in range (0x35E9, 0x000035e9): certain with error context, else possible
//  - plain decimal (13801): only with error context; otherwise not a finding at all
// Error context: an error word among the three words before it on the line ("error",
// "status", "failed", "code", "reason", "hr", …), a catalog name on the same or previous line,
// a list continuing a certain code ("error 13868/13825"), or "13909 (0x3655)" pairs.
// A nearer word that says otherwise ("port", "offset", "address", "pid", "size", …), or a
// unit after it ("13801 bytes"), turns the mention off.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "catalog.h"

namespace winerr {

enum class Form : std::uint8_t { Name, Hex, Hresult, HresultDecimal, Decimal };
enum class Confidence : std::uint8_t { Certain, Possible };

std::string_view to_string(Form);
std::string_view to_string(Confidence);

struct Finding {
  std::size_t begin = 0;  // byte offset of the first byte of the token
  std::size_t end = 0;    // one past the last byte (a C suffix like the L of 13801L is not included)
  const Entry* entry = nullptr;  // never null in a returned finding
  Form form = Form::Name;
  Confidence confidence = Confidence::Certain;
};

// Scans the whole text.
std::vector<Finding> scan(std::string_view text, const Catalog& catalog);

// Scans the lines that start in [begin, end) and appends their findings to `out`.
// `begin` must be 0 or a line start (after "\n" or a lone "\r"); `end` is rounded up to the end of its line. The line
// before `begin` is read for context (a catalog name there makes a decimal certain).
void scan_lines(std::string_view text, std::size_t begin, std::size_t end, const Catalog& catalog,
                std::vector<Finding>& out);

}  // namespace winerr
