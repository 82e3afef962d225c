// explanation.h — one renderer of a catalog entry, in three dresses: Markdown (hover),
// plain text (`winerr-ls explain`), JSON (`explain --format json`, `catalog --json`).
// The server and the CLI both call these; neither has its own copy.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "catalog.h"

namespace winerr {

std::string render_markdown(const Entry& e, const Catalog& catalog);
std::string render_text(const Entry& e, const Catalog& catalog);
nlohmann::json render_json(const Entry& e, const Catalog& catalog);

// The one-line diagnostic message: "NAME (13801, 0x35E9): official text".
std::string one_line(const Entry& e);

}  // namespace winerr
