// settings.cpp — see settings.h: parsing one source's settings (naming each problem) and
// laying sources over each other.
#include "settings.h"

#include <charconv>

namespace winerr {

using nlohmann::json;

std::optional<Severity> severity_from_word(const std::string& w) {
  if (w == "error") return Severity::Error;
  if (w == "warning") return Severity::Warning;
  if (w == "information" || w == "info") return Severity::Information;
  if (w == "hint") return Severity::Hint;
  if (w == "off") return Severity::Off;
  return std::nullopt;
}

DocKind doc_kind(const std::string& id) {
  // Logs and plain text, and a document whose language the client did not say.
  if (id.empty() || id == "log" || id == "Log" || id == "plaintext" || id == "text") return DocKind::Log;
  // Clients name log modes after themselves: Emacs's eglot sends the major mode minus "-mode"
  // (our winerr-log-mode gives "winerr-log"), others use "foo-log" or "foo_log".
  const auto ends_with = [&](std::string_view tail) {
    return id.size() > tail.size() && id.compare(id.size() - tail.size(), tail.size(), tail) == 0;
  };
  if (ends_with("-log") || ends_with("_log")) return DocKind::Log;
  if (id == "markdown" || id == "mdx" || id == "restructuredtext" || id == "asciidoc") return DocKind::Markdown;
  return DocKind::Script;
}

CodeKey key_of(const Entry& e) { return {e.family, e.value}; }

const Entry* parse_code(const std::string& s, const Catalog& cat) {
  if (s.empty()) return nullptr;
  if (const Entry* e = cat.find_name(s)) return e;
  const bool negative = s[0] == '-';
  std::string_view body(s);
  if (negative) body.remove_prefix(1);
  int base = 10;
  if (!negative && body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')) {
    base = 16;
    body.remove_prefix(2);
  }
  std::uint64_t v = 0;
  auto r = std::from_chars(body.data(), body.data() + body.size(), v, base);
  if (body.empty() || r.ec != std::errc{} || r.ptr != body.data() + body.size()) return nullptr;
  if (negative) {
    if (v == 0 || v > 0x80000000ull) return nullptr;
    v = 0x100000000ull - v;
  }
  if (v > 0xFFFFFFFFull) return nullptr;
  const auto v32 = static_cast<std::uint32_t>(v);
  return v32 <= 0xFFFF ? cat.find(Family::Win32, v32) : cat.find_status32(v32);
}

namespace {

std::optional<DocKind> kind_from_word(const std::string& w) {
  if (w == "log") return DocKind::Log;
  if (w == "script") return DocKind::Script;
  if (w == "markdown") return DocKind::Markdown;
  return std::nullopt;
}

std::optional<Form> form_from_word(const std::string& w) {
  for (Form f : {Form::Name, Form::Hex, Form::Hresult, Form::HresultDecimal, Form::Decimal})
    if (to_string(f) == w) return f;
  return std::nullopt;
}

// Reads {"13801": "warning", "*": "error"} into codes/fallback; false on a problem.
bool read_severity_map(const json& m, const std::string& where, const Catalog& cat, std::map<std::string, Severity>& codes,
                       std::optional<Severity>& fallback, std::vector<std::string>& problems,
                       std::map<DocKind, std::map<std::string, Severity>>* kinds,
                       std::map<DocKind, Severity>* kind_fallbacks) {
  bool ok = true;
  for (auto& [k, v] : m.items()) {
    const std::string at = where + "." + k;
    if (kinds && kind_from_word(k)) {
      if (!v.is_object()) {
        problems.push_back(at + " must be an object of code -> severity");
        ok = false;
        continue;
      }
      std::optional<Severity> fb;
      ok = read_severity_map(v, at, cat, (*kinds)[*kind_from_word(k)], fb, problems, nullptr, nullptr) && ok;
      if (fb) (*kind_fallbacks)[*kind_from_word(k)] = *fb;
      continue;
    }
    std::optional<Severity> sev = v.is_string() ? severity_from_word(v.get<std::string>()) : std::nullopt;
    if (!sev) {
      problems.push_back(at + " must be one of error, warning, information, hint, off");
      ok = false;
      continue;
    }
    if (k == "*") fallback = sev;
    else if (!parse_code(k, cat)) {
      problems.push_back(at + ": '" + k + "' is no code of the catalog (write 13801, 0x35E9, 0x800735E9 or a name)");
      ok = false;
    } else {
      codes[k] = *sev;
    }
  }
  return ok;
}

}  // namespace

std::optional<Layer> parse_layer(const json& j, const std::string& origin, const Catalog& cat, std::vector<std::string>& problems) {
  const std::size_t before = problems.size();
  Layer l;
  if (!j.is_object()) {
    problems.push_back(origin + ": settings must be a JSON object");
    return std::nullopt;
  }
  auto problem = [&](const std::string& key, const std::string& what) {
    problems.push_back(origin + ": '" + key + "' must be " + what);
  };
  for (auto& [key, v] : j.items()) {
    if (key == "maxDiagnostics") {
      if (v.is_number_unsigned()) l.max_diagnostics = v.get<std::size_t>();
      else problem(key, "a non-negative integer");
    } else if (key == "showPossible" || key == "inlayHints") {
      if (!v.is_boolean()) problem(key, "true or false");
      else if (key == "showPossible") l.show_possible = v.get<bool>();
      else l.inlay_hints = v.get<bool>();
    } else if (key == "catalogPath") {
      // An empty or null catalogPath means "not set": the shipped editor configs send "",
      // which must not override `--catalog FILE`.
      if (v.is_null()) continue;
      if (!v.is_string()) problem(key, "a string (a file path)");
      else if (!v.get<std::string>().empty()) l.catalog_path = v.get<std::string>();
    } else if (key == "ignore" || key == "exclude") {
      std::vector<std::string> items;
      bool ok = v.is_array();
      if (ok)
        for (std::size_t i = 0; i < v.size(); ++i) {
          if (!v[i].is_string()) {
            problem(key + "[" + std::to_string(i) + "]", "a string");
            ok = false;
          } else if (key == "ignore" && !parse_code(v[i].get<std::string>(), cat)) {
            problems.push_back(origin + ": '" + key + "[" + std::to_string(i) + "]': '" + v[i].get<std::string>() +
                               "' is no code of the catalog (write 13801, 0x35E9, 0x800735E9 or a name)");
            ok = false;
          } else {
            items.push_back(v[i].get<std::string>());
          }
        }
      else problem(key, key == "ignore" ? "an array of codes, e.g. [\"13801\", \"0x35EE\"]" : "an array of globs, e.g. [\"**/archive/**\"]");
      if (ok) (key == "ignore" ? l.ignore : l.exclude) = std::move(items);
    } else if (key == "severity") {
      if (!v.is_object()) {
        problem(key, "an object of code -> error|warning|information|hint|off");
        continue;
      }
      SeverityRules r;
      if (read_severity_map(v, origin + ": 'severity", cat, r.codes, r.fallback, problems, &r.by_kind_codes, &r.by_kind_fallback))
        l.severity = std::move(r);
    } else if (key == "forms") {
      std::set<Form> forms;
      bool ok = v.is_array();
      if (ok)
        for (const json& f : v) {
          auto form = f.is_string() ? form_from_word(f.get<std::string>()) : std::nullopt;
          if (!form) ok = false;
          else forms.insert(*form);
        }
      if (ok) l.forms = std::move(forms);
      else problem(key, "an array of name, hex, hresult, hresult_decimal, decimal");
    } else if (key == "decimals") {
      const std::string w = v.is_string() ? v.get<std::string>() : "";
      if (w == "context") l.decimals = Decimals::Context;
      else if (w == "any") l.decimals = Decimals::Any;
      else if (w == "off") l.decimals = Decimals::Off;
      else problem(key, "\"context\", \"any\" or \"off\"");
    } else if (key == "$schema" || key == "trace" || key == "server") {
      // A schema reference in .winerr.json; client-only settings (VS Code's winerr.trace,
      // winerr.server.path) that some clients send along.
    } else {
      problems.push_back(origin + ": unknown setting '" + key +
                         "' (known: ignore, severity, exclude, forms, decimals, maxDiagnostics, showPossible, "
                         "inlayHints, catalogPath)");
    }
  }
  if (problems.size() != before) return std::nullopt;
  return l;
}

Settings merge(const std::vector<const Layer*>& layers) {
  Settings s;
  for (const Layer* l : layers) {
    if (!l) continue;
    if (l->max_diagnostics) s.max_diagnostics = *l->max_diagnostics;
    if (l->show_possible) s.show_possible = *l->show_possible;
    if (l->inlay_hints) s.inlay_hints = *l->inlay_hints;
    if (l->catalog_path) s.catalog_path = *l->catalog_path;
    if (l->ignore) s.ignore = *l->ignore;
    if (l->severity) s.severity = *l->severity;
    if (l->exclude) s.exclude = *l->exclude;
    if (l->forms) s.forms = *l->forms;
    if (l->decimals) s.decimals = *l->decimals;
  }
  return s;
}

}  // namespace winerr
