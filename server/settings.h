// settings.h — what a user can set (initializationOptions, workspace/didChangeConfiguration
// under "winerr", or CLI flags). Parsed in one place: server.cpp's parse_settings.
#pragma once

#include <cstddef>
#include <string>

namespace winerr {

struct Settings {
  std::size_t max_diagnostics = 1000;  // per document; the rest are counted in one note
  bool show_possible = true;           // report bare in-range hex values as Hint diagnostics
  bool inlay_hints = true;             // name after each numeric code
  std::string catalog_path;            // user catalog JSON; empty for none
};

}  // namespace winerr
