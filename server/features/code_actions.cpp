// code_actions.cpp — rewrite a code in another spelling. Reads Diagnostic.data (value,
// family, form) instead of rescanning, as the diagnostic already carries what we found.
#include "features.h"
#include "forms.h"
#include "jsonrpc.h"

namespace winerr {

json code_actions(const Document& doc, const json& params, const Catalog& catalog) {
  json out = json::array();
  const json& ctx = rpc::object_field(params, "context", "context");
  if (!ctx.contains("diagnostics") || !ctx["diagnostics"].is_array()) return out;
  for (const json& d : ctx["diagnostics"]) {
    if (d.value("source", "") != "winerr" || !d.contains("data") || !d["data"].is_object()) continue;
    const json& data = d["data"];
    // A value that does not fit 32 bits is no code of ours: refuse it, never truncate it.
    if (!data.contains("value") || !data["value"].is_number_unsigned() || data["value"].get<std::uint64_t>() > 0xFFFFFFFFull)
      continue;
    Family fam = data.value("family", "win32") == "ntstatus" ? Family::NtStatus
                 : data.value("family", "win32") == "fwp"    ? Family::Fwp
                                                             : Family::Win32;
    const Entry* e = catalog.find(fam, data["value"].get<std::uint32_t>());
    if (!e || !d.contains("range")) continue;
    const std::string form = data.value("form", "");
    auto action = [&](const std::string& title, const std::string& text) {
      out.push_back({{"title", title},
                     {"kind", "refactor.rewrite"},
                     {"diagnostics", json::array({d})},
                     {"edit", {{"changes", {{doc.uri(), json::array({{{"range", d["range"]}, {"newText", text}}})}}}}}});
    };
    if (form != "name") action("Replace with " + std::string(e->name), std::string(e->name));
    if (e->family == Family::Win32) {
      if (form != "hex") action("Replace with " + hex4(e->value), hex4(e->value));
      if (form != "decimal") action("Replace with " + std::to_string(e->value), std::to_string(e->value));
    }
  }
  return out;
}

}  // namespace winerr
