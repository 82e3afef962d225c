// common.cpp — see common.h.
#include "common.h"

#include "usercatalog/user_catalog.h"

namespace winerr::cli {

std::shared_ptr<const Catalog> load_catalog(const std::string& user_path) {
  if (user_path.empty()) return std::make_shared<const Catalog>(Catalog::embedded());
  auto r = load_user_catalog_file(user_path, Catalog::embedded());
  if (!r.catalog) fail(r.error);
  return r.catalog;
}

}  // namespace winerr::cli
