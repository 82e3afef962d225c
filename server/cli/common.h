// common.h — helpers shared by the CLI subcommands.
#pragma once

#include <iostream>
#include <memory>
#include <string>

#include "catalog.h"

namespace winerr::cli {

// Prints "winerr-ls: msg" on stderr and returns 2 (usage or I/O error).
inline int fail(const std::string& msg) {
  std::cerr << "winerr-ls: " << msg << "\n";
  return 2;
}

// The embedded catalog, or the embedded one with the user's file over it. On a bad file,
// prints why and returns null.
std::shared_ptr<const Catalog> load_catalog(const std::string& user_path);

}  // namespace winerr::cli
