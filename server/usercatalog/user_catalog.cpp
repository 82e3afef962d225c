// user_catalog.cpp — see user_catalog.h.
#include "user_catalog.h"

#include "config/config_file.h"
#include "platform/platform.h"

#include <nlohmann/json.hpp>
#include <set>

namespace winerr {

using nlohmann::json;

namespace {

struct Reject {
  std::string message;
};

const std::set<std::string> kEntryFields = {"family", "value", "name", "message", "summary", "meaning", "where",
                                            "causes", "checks", "runbook", "note"};

std::uint32_t parse_value(const json& v, Family fam, const std::string& where) {
  std::uint64_t n = 0;
  if (v.is_number_unsigned()) n = v.get<std::uint64_t>();
  else if (v.is_string()) {
    std::string s = v.get<std::string>();
    try {
      std::size_t used = 0;
      n = (s.rfind("0x", 0) == 0 || s.rfind("0X", 0) == 0) ? std::stoull(s.substr(2), &used, 16) : std::stoull(s, &used, 10);
      if (used != s.size() - ((s.rfind("0x", 0) == 0 || s.rfind("0X", 0) == 0) ? 2 : 0)) throw std::invalid_argument("");
    } catch (...) {
      throw Reject{where + ": field 'value' must be a number or a hex string like \"0x35E9\", got \"" + s + "\""};
    }
  } else {
    throw Reject{where + ": field 'value' must be a non-negative number or a hex string"};
  }
  if (fam == Family::Win32 && n > 0xFFFF) throw Reject{where + ": field 'value' " + std::to_string(n) + " is not a Win32 code (0-65535)"};
  if (n > 0xFFFFFFFFull) throw Reject{where + ": field 'value' does not fit in 32 bits"};
  return static_cast<std::uint32_t>(n);
}

std::string str(const json& e, const char* field, const std::string& where) {
  const json& v = e[field];
  if (!v.is_string()) throw Reject{where + ": field '" + field + "' must be a string"};
  std::string s = v.get<std::string>();
  if (s.empty()) throw Reject{where + ": field '" + field + "' is empty"};
  return s;
}

}  // namespace

UserCatalogResult load_user_catalog_text(const std::string& text, const std::string& label, const Catalog& base) {
  // FILE:LINE:COLUMN: not valid JSON: <the reason in words>, never the library's exception text.
  JsonFile parsed = parse_json_text(text, label);
  if (!parsed.value) return {nullptr, parsed.error};
  json root = std::move(*parsed.value);
  try {
    if (!root.is_object()) throw Reject{label + ": the top level must be an object with \"entries\""};
    for (auto& [k, v] : root.items())
      if (k != "version" && k != "entries" && k != "aliases" && k != "$schema" && k != "description")
        throw Reject{label + ": unknown top-level field '" + k + "'"};
    if (root.contains("version") && root["version"] != 1) throw Reject{label + ": field 'version' must be 1"};
    auto cat = std::make_shared<Catalog>(base);
    cat->detach_arena();
    if (root.contains("entries")) {
      if (!root["entries"].is_array()) throw Reject{label + ": field 'entries' must be an array"};
      std::size_t i = 0;
      for (const json& e : root["entries"]) {
        std::string where = label + ": entries[" + std::to_string(i++) + "]";
        if (!e.is_object()) throw Reject{where + ": must be an object"};
        if (e.contains("name") && e["name"].is_string()) where += " (" + e["name"].get<std::string>() + ")";
        else if (e.contains("value")) where += " (" + e["value"].dump() + ")";
        for (auto& [k, v] : e.items())
          if (!kEntryFields.count(k)) throw Reject{where + ": unknown field '" + k + "'"};
        Family fam = Family::Win32;
        if (e.contains("family")) {
          std::string f = str(e, "family", where);
          if (f == "win32") fam = Family::Win32;
          else if (f == "ntstatus") fam = Family::NtStatus;
          else if (f == "fwp") fam = Family::Fwp;
          else throw Reject{where + ": field 'family' must be win32, ntstatus or fwp"};
        }
        if (!e.contains("value")) throw Reject{where + ": field 'value' is missing"};
        const std::uint32_t value = parse_value(e["value"], fam, where);
        Entry* target = cat->mutable_entry(fam, value);
        if (e.contains("name")) {
          std::string name = str(e, "name", where);
          if (name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != std::string::npos)
            throw Reject{where + ": field 'name' must be an upper-case symbol like ERROR_…"};
          const Entry* other = cat->find_name(name);
          if (target && target->name != name)
            throw Reject{where + ": field 'name' " + name + " does not match the catalog's name " + std::string(target->name) + " for this value"};
          if (!target && other) throw Reject{where + ": field 'name' " + name + " already belongs to another code"};
        }
        if (!target) {
          if (!e.contains("name")) throw Reject{where + ": a new code needs field 'name'"};
          if (!e.contains("message")) throw Reject{where + ": a new code needs field 'message'"};
          Entry fresh;
          fresh.family = fam;
          fresh.value = value;
          fresh.name = cat->keep(str(e, "name", where));
          fresh.message_source = "USER";
          target = &cat->add_entry(fresh);
        }
        target->origin = cat->keep(label);
        auto claim = [&](const char* field) { return Claim{cat->keep(str(e, field, where)), "USER"}; };
        if (e.contains("message")) target->message = cat->keep(str(e, "message", where));
        if (e.contains("summary")) target->summary = claim("summary");
        if (e.contains("meaning")) target->meaning = claim("meaning");
        if (e.contains("where")) target->where = claim("where");
        if (e.contains("runbook")) target->runbook_url = cat->keep(str(e, "runbook", where));
        if (e.contains("note")) target->user_note = cat->keep(str(e, "note", where));
        for (const char* list : {"causes", "checks"}) {
          if (!e.contains(list)) continue;
          if (!e[list].is_array()) throw Reject{where + ": field '" + list + "' must be an array of strings"};
          auto& claims = cat->new_claim_list();
          std::size_t k = 0;
          for (const json& s : e[list]) {
            if (!s.is_string() || s.get<std::string>().empty())
              throw Reject{where + ": field '" + list + "[" + std::to_string(k) + "]' must be a non-empty string"};
            claims.push_back({cat->keep(s.get<std::string>()), "USER"});
            ++k;
          }
          (std::string(list) == "causes" ? target->causes : target->checks) = claims;
        }
      }
    }
    if (root.contains("aliases")) {
      if (!root["aliases"].is_object()) throw Reject{label + ": field 'aliases' must be an object {\"OLD\": \"CURRENT\"}"};
      for (auto& [alias, target] : root["aliases"].items()) {
        if (!target.is_string()) throw Reject{label + ": aliases." + alias + " must be a string"};
        if (!cat->find_name(target.get<std::string>()))
          throw Reject{label + ": aliases." + alias + " points to unknown name " + target.get<std::string>()};
        if (cat->find_name(alias)) throw Reject{label + ": aliases." + alias + " is already a known name"};
        cat->add_alias(alias, target.get<std::string>());
      }
    }
    return {std::move(cat), ""};
  } catch (const Reject& r) {
    return {nullptr, r.message};
  }
}

UserCatalogResult load_user_catalog_file(const std::string& path, const Catalog& base) {
  // Only a regular file of a sane size, opened so that it cannot block: /dev/zero, a FIFO or a
  // 10 GB file by mistake must not hang the server or eat its memory.
  platform::FileText f = platform::read_regular_file(platform::path_from_utf8(path), kMaxUserCatalogBytes);
  if (f.error == "no such file") return {nullptr, "cannot read user catalog " + path + ": no such file"};
  if (f.error.starts_with("not a regular file")) return {nullptr, "user catalog " + path + " is " + f.error};
  if (!f.error.empty()) return {nullptr, "cannot read user catalog " + path + ": " + f.error};
  const std::string& text = f.text;
  return load_user_catalog_text(text, path, base);
}

}  // namespace winerr
