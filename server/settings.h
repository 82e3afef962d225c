// settings.h — what a user can set, and how the sources combine.
//
// Sources, later wins per key: built-in defaults < the user file
// ($XDG_CONFIG_HOME/winerr-ls/config.json, %APPDATA%\winerr-ls\config.json on Windows) <
// the command line (--catalog) < the editor (initializationOptions, then
// workspace/configuration section "winerr" per folder, or didChangeConfiguration) < the
// project's .winerr.json at the workspace folder root. Each source is parsed into a Layer
// (only the keys it sets); merge() lays them over each other. Parsing names the source and the
// key of every problem, and a layer with a problem is not used at all (the last good one
// stays). Knows JSON and the catalog, not LSP.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalog.h"
#include "scanner.h"

namespace winerr {

// LSP DiagnosticSeverity values, and Off (not shown).
enum class Severity : std::uint8_t { Error = 1, Warning = 2, Information = 3, Hint = 4, Off = 5 };
std::optional<Severity> severity_from_word(const std::string& w);  // "error", …, "off"

// What kind of text a document is, from its languageId: a failure code in a log is a failure;
// in a script or source file it is being handled; in markdown it is being written about.
enum class DocKind : std::uint8_t { Log, Script, Markdown };
DocKind doc_kind(const std::string& language_id);

// A code regardless of spelling: 13801, 0x35E9, 0x800735E9 and ERROR_IPSEC_IKE_AUTH_FAIL are
// the same key.
struct CodeKey {
  Family family;
  std::uint32_t value;
  auto operator<=>(const CodeKey&) const = default;
};
CodeKey key_of(const Entry& e);
// Any spelling a user may write in a settings file; null when it names no catalog code.
const Entry* parse_code(const std::string& s, const Catalog& catalog);

enum class Decimals : std::uint8_t { Context, Any, Off };

// Severity overrides: by code, with "*" as the default; `by_kind` holds the same per document
// kind ("log", "script", "markdown").
struct SeverityRules {
  std::map<std::string, Severity> codes;  // as written: resolved against the catalog in use
  std::optional<Severity> fallback;       // "*"
  std::map<DocKind, std::map<std::string, Severity>> by_kind_codes;
  std::map<DocKind, Severity> by_kind_fallback;
};

// One source's settings: only what it sets.
struct Layer {
  std::optional<std::size_t> max_diagnostics;
  std::optional<bool> show_possible;
  std::optional<bool> inlay_hints;
  std::optional<std::string> catalog_path;  // as written (resolved by the caller)
  std::optional<std::vector<std::string>> ignore;
  std::optional<SeverityRules> severity;
  std::optional<std::vector<std::string>> exclude;
  std::optional<std::set<Form>> forms;
  std::optional<Decimals> decimals;
};

// Parses a settings object. `origin` names the source in messages ("/w/.winerr.json",
// "initializationOptions"). On any problem, returns nullopt and the problems, each naming the
// key and what was expected; unknown keys are problems too (a typo must not pass silently).
std::optional<Layer> parse_layer(const nlohmann::json& j, const std::string& origin, const Catalog& catalog,
                                 std::vector<std::string>& problems);

// The settings in force for one document's folder.
struct Settings {
  std::size_t max_diagnostics = 1000;  // per document; the rest are counted in one note
  bool show_possible = true;           // report possible findings as Hint diagnostics
  bool inlay_hints = true;             // name after each numeric code
  std::string catalog_path;            // user catalog JSON; empty for none
  std::vector<std::string> ignore;     // codes in any spelling
  SeverityRules severity;
  std::vector<std::string> exclude;    // globs over the path relative to the folder
  std::set<Form> forms = {Form::Name, Form::Hex, Form::Hresult, Form::HresultDecimal, Form::Decimal};
  Decimals decimals = Decimals::Context;
};

// Lays the layers over the defaults, in order (later wins per key).
Settings merge(const std::vector<const Layer*>& layers);

}  // namespace winerr
