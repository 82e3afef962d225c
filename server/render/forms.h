// forms.h — every spelling of a code (decimal, hex, HRESULT, signed HRESULT) and the
// Microsoft page for its family. Shared by every renderer so they never disagree.
#pragma once

#include <string>
#include <vector>

#include "catalog.h"

namespace winerr {

struct Spelling {
  std::string label;  // "decimal", "hex", "HRESULT", "HRESULT (signed)", "NTSTATUS", …
  std::string text;   // "13801", "0x35E9", "0x800735E9", "-2147011095"
};

std::vector<Spelling> spellings(const Entry& e);
std::string hex4(std::uint32_t v);  // 0x35E9 (at least 4 digits, upper case)
std::string hex8(std::uint32_t v);  // 0x800735E9
// How a code is written in messages and titles: 13801 for a Win32 code, 0x80320009 for the rest.
std::string code_number(const Entry& e);
std::string microsoft_page(Family f);
// "ERROR_IPSEC_IKE_AUTH_FAIL (13801, 0x35E9)" / "STATUS_IPSEC_BAD_SPI (0xC0360001)"
std::string title(const Entry& e);

}  // namespace winerr
