// cli.h — the second front door: `check`, `explain`, `catalog`. Same scanner, catalog and
// renderers as the server; nothing here has its own copy of them.
#pragma once

#include <string>
#include <vector>

namespace winerr::cli {

// Each returns the process exit code. args exclude the subcommand itself.
int check(const std::vector<std::string>& args);
int explain(const std::vector<std::string>& args);
int catalog(const std::vector<std::string>& args);

}  // namespace winerr::cli
