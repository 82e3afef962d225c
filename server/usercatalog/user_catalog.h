// user_catalog.h — a team's own catalog file (JSON) layered over the embedded one.
//
// Schema (version 1), documented for users in catalog/README.md:
//   { "version": 1,
//     "entries": [ { "value": 13801, "runbook": "https://…", "note": "…", "checks": ["…"] },
//                  { "family": "win32", "value": 13999, "name": "ERROR_…", "message": "…" } ],
//     "aliases": { "OLD_NAME": "CURRENT_NAME" } }
// An entry whose (family, value) exists overrides the fields it names; a new one must bring
// a name and a message. Any problem rejects the whole file with a message naming the file,
// the entry and the field; the embedded catalog is then used unchanged.
#pragma once

#include <memory>
#include <string>

#include "catalog.h"

namespace winerr {

struct UserCatalogResult {
  std::shared_ptr<const Catalog> catalog;  // null on error
  std::string error;
};

// A team catalog is a few KB; anything past this is not one.
inline constexpr std::size_t kMaxUserCatalogBytes = std::size_t{8} << 20;

// Reads only regular files up to kMaxUserCatalogBytes.
UserCatalogResult load_user_catalog_file(const std::string& path, const Catalog& base);
UserCatalogResult load_user_catalog_text(const std::string& text, const std::string& label, const Catalog& base);

}  // namespace winerr
