// forms.cpp — see forms.h.
#include "forms.h"

#include <cstdio>

namespace winerr {

std::string hex4(std::uint32_t v) {
  char b[16];
  std::snprintf(b, sizeof b, "0x%04X", v);
  return b;
}
std::string code_number(const Entry& e) { return e.family == Family::Win32 ? std::to_string(e.value) : hex8(e.value); }

std::string hex8(std::uint32_t v) {
  char b[16];
  std::snprintf(b, sizeof b, "0x%08X", v);
  return b;
}
static std::string signed32(std::uint32_t v) { return std::to_string(static_cast<std::int32_t>(v)); }

std::vector<Spelling> spellings(const Entry& e) {
  switch (e.family) {
    case Family::Win32:
      return {{"decimal", std::to_string(e.value)},
              {"hex", hex4(e.value)},
              {"HRESULT", hex8(e.hresult())},
              {"HRESULT (signed decimal)", signed32(e.hresult())}};
    case Family::NtStatus:
      return {{"NTSTATUS", hex8(e.value)}, {"NTSTATUS (signed decimal)", signed32(e.value)}};
    case Family::Fwp:
      return {{"HRESULT", hex8(e.value)}, {"HRESULT (signed decimal)", signed32(e.value)}};
  }
  return {};
}

std::string microsoft_page(Family f) {
  switch (f) {
    case Family::Win32: return "https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--12000-15999-";
    case Family::NtStatus: return "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-erref/596a1078-e883-4972-9bbc-49e60bebca55";
    case Family::Fwp: return "https://learn.microsoft.com/en-us/windows/win32/fwp/wfp-error-codes";
  }
  return "";
}

std::string title(const Entry& e) {
  if (e.family == Family::Win32) return std::string(e.name) + " (" + std::to_string(e.value) + ", " + hex4(e.value) + ")";
  return std::string(e.name) + " (" + hex8(e.value) + ")";
}

}  // namespace winerr
