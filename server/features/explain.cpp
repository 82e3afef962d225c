// explain.cpp — "Explain 13801": the full explanation, one code action away from any finding.
//
// The hover is the short answer; the full one (every check, cause and source) is too long for
// a popup. The code action carries the command winerr.explain; executing it writes the
// explanation as a Markdown file in the temporary directory and asks the client to show it
// (window/showDocument), or, for a client that cannot show documents, sends the plain text as
// a message. Standard LSP only: no client code.
#include <fstream>
#include <system_error>

#include "explanation.h"
#include "features.h"
#include "forms.h"
#include "jsonrpc.h"
#include "platform/uri.h"
#include "settings.h"

namespace winerr {

json explain_action(const Entry& e, const json& diagnostics) {
  const std::string title = "Explain " + code_number(e) + " (" + std::string(e.name) + ")";
  json action = {{"title", title},
                 {"kind", "quickfix"},
                 {"command", {{"title", title}, {"command", kExplainCommand}, {"arguments", json::array({std::string(e.name)})}}}};
  if (!diagnostics.empty()) action["diagnostics"] = diagnostics;
  return action;
}

const Entry& explain_argument(const json& params, const Catalog& catalog) {
  const json& args = params.contains("arguments") ? params["arguments"] : json();
  if (!args.is_array() || args.empty() || !args[0].is_string())
    throw rpc::Error(rpc::kInvalidParams, std::string(kExplainCommand) + " needs one argument: a code, e.g. \"13801\"");
  const Entry* e = parse_code(args[0].get<std::string>(), catalog);
  if (!e) throw rpc::Error(rpc::kInvalidParams, "'" + args[0].get<std::string>() + "' is no code of the catalog");
  return *e;
}

std::optional<std::string> write_explanation(const Entry& e, const Catalog& catalog) {
  std::error_code ec;
  const std::filesystem::path dir = std::filesystem::temp_directory_path(ec) / "winerr-ls";
  if (ec) return std::nullopt;
  std::filesystem::create_directories(dir, ec);
  const std::filesystem::path file = dir / (std::string(e.name) + ".md");
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << render_markdown(e, catalog);
  out.close();
  if (!out) return std::nullopt;
  return platform::path_to_uri(file.string());
}

}  // namespace winerr
