// ignore_actions.cpp — "Ignore 13801 in this workspace" (an edit of the folder's .winerr.json:
// created where the client can create files, else extended with the least change) and
// "Ignore 13801 on this line" (a winerr-ignore comment, in the language's own comment syntax).
// Plain workspace edits: the editor applies them, the server's watcher or stamp check reloads
// the file, and the diagnostic goes. No client-side command.
#include "config/config_file.h"
#include "features.h"
#include "forms.h"
#include "platform/platform.h"
#include "platform/uri.h"
#include "position.h"

namespace winerr {

namespace {

// Where to insert into a .winerr.json text: before the `]` of its top-level "ignore" array
// (and whether that array is empty), or after the top-level `{` (and whether the object is
// empty). None when the text is no JSON object or "ignore" is not an array.
struct Insertion {
  std::size_t at = 0;
  bool into_array = false;
  bool empty = true;
};
std::optional<Insertion> find_insertion(const std::string& t, const Catalog& catalog, const Entry& e, bool& already) {
  const nlohmann::json j = nlohmann::json::parse(t, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  if (j.contains("ignore")) {
    if (!j["ignore"].is_array()) return std::nullopt;
    for (const auto& v : j["ignore"])
      if (v.is_string())
        if (const Entry* x = parse_code(v.get<std::string>(), catalog); x && key_of(*x) == key_of(e)) already = true;
  }
  // Walk the text (valid JSON, as just parsed) for the top-level key "ignore" and its array.
  int depth = 0;
  std::size_t open = std::string::npos, array_open = std::string::npos;
  bool want_array = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '"') {
      std::size_t e2 = i + 1;
      while (e2 < t.size() && t[e2] != '"') e2 += t[e2] == '\\' ? 2 : 1;
      if (depth == 1 && t.compare(i, e2 - i + 1, "\"ignore\"") == 0) {
        std::size_t k = e2 + 1;
        while (k < t.size() && (t[k] == ' ' || t[k] == '\t' || t[k] == '\n' || t[k] == '\r')) ++k;
        if (k < t.size() && t[k] == ':') want_array = true;
      }
      i = e2;
      continue;
    }
    if (c == '{' || c == '[') {
      if (depth == 0 && c == '{') open = i;
      if (depth == 1 && c == '[' && want_array) array_open = i;
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
      if (depth == 1 && c == ']' && array_open != std::string::npos) {
        const bool empty = t.find_first_not_of(" \t\r\n", array_open + 1) == i;
        return Insertion{i, true, empty};
      }
    }
  }
  if (open == std::string::npos) return std::nullopt;
  return Insertion{open + 1, false, j.empty()};
}

// The line comment of a language, for the winerr-ignore marker; empty when it has none we
// know (then no "on this line" action).
std::string_view line_comment(const std::string& language) {
  static const std::pair<std::string_view, std::string_view> kComments[] = {
      {"powershell", "#"}, {"python", "#"},      {"shellscript", "#"}, {"sh", "#"},       {"bash", "#"},
      {"ruby", "#"},       {"perl", "#"},        {"yaml", "#"},        {"ini", ";"},      {"dosini", ";"},
      {"properties", "#"}, {"c", "//"},          {"cpp", "//"},        {"csharp", "//"},  {"java", "//"},
      {"javascript", "//"}, {"typescript", "//"}, {"go", "//"},        {"rust", "//"},    {"swift", "//"},
      {"kotlin", "//"},    {"objective-c", "//"}, {"objective-cpp", "//"}, {"lua", "--"}, {"sql", "--"},
      {"vb", "'"},         {"vbscript", "'"}};
  for (auto [lang, marker] : kComments)
    if (language == lang) return marker;
  return {};
}

}  // namespace

void add_ignore_actions(const Document& doc, const Finding& f, const std::filesystem::path& folder_root, const Catalog& catalog,
                        PositionEncoding enc, const ClientCaps& caps, const json& fixes, json& out) {
  const Entry& e = *f.entry;
  const std::string code = code_number(e);
  auto action = [&](std::string title, json edit) {
    json a = {{"title", std::move(title)}, {"kind", "quickfix"}, {"edit", std::move(edit)}};
    if (!fixes.empty()) a["diagnostics"] = fixes;
    out.push_back(std::move(a));
  };
  // On this line: a trailing comment in scripts and source.
  if (const std::string_view marker = line_comment(doc.language_id()); !marker.empty()) {
    const std::size_t line = doc.lines().line_of(f.begin);
    const std::size_t end = doc.lines().content_end(doc.text(), line);
    const json at = to_json(to_position(doc.text(), doc.lines(), end, enc));
    const json edit = json::array({{{"range", {{"start", at}, {"end", at}}}, {"newText", "  " + std::string(marker) + " winerr-ignore " + code}}});
    action("Ignore " + code + " on this line",
           caps.document_changes ? json{{"documentChanges", json::array({{{"textDocument", {{"uri", doc.uri()}, {"version", doc.version()}}}, {"edits", edit}}})}}
                                 : json{{"changes", {{doc.uri(), edit}}}});
  }
  // In this workspace: the folder's .winerr.json.
  if (folder_root.empty()) return;
  const std::filesystem::path file = folder_root / ".winerr.json";
  const std::string uri = platform::path_to_uri(platform::path_to_utf8(file));
  // Read as the settings loader reads it: a regular file of at most 1 MiB, opened so that a
  // FIFO cannot block the worker nor a link to /dev/zero fill memory (a cloned repository may
  // carry either). Anything else offers no action; the settings already said what is wrong.
  const platform::FileText current = platform::read_regular_file(file, kMaxSettingsFileBytes);
  if (current.error == "no such file") {
    if (!caps.document_changes || !caps.create_files) return;  // no way to create it
    const json insert = {{"textDocument", {{"uri", uri}, {"version", nullptr}}},
                         {"edits", json::array({{{"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}},
                                                 {"newText", "{\n  \"ignore\": [\"" + code + "\"]\n}\n"}}})}};
    action("Ignore " + code + " in this workspace (create .winerr.json)",
           {{"documentChanges", json::array({{{"kind", "create"}, {"uri", uri}, {"options", {{"ignoreIfExists", true}}}}, insert})}});
    return;
  }
  if (!current.error.empty()) return;
  const std::string& text = current.text;
  bool already = false;
  const auto ins = find_insertion(text, catalog, e, already);
  if (!ins || already) return;  // a malformed file is reported by the settings; an ignored code needs nothing
  std::string add;
  if (ins->into_array) add = (ins->empty ? "\"" : ", \"") + code + "\"";
  else add = "\"ignore\": [\"" + code + "\"]" + (ins->empty ? "" : ", ");
  const LineIndex lines(text);
  const json at = to_json(to_position(text, lines, ins->at, enc));
  const json edit = json::array({{{"range", {{"start", at}, {"end", at}}}, {"newText", add}}});
  action("Ignore " + code + " in this workspace (.winerr.json)",
         caps.document_changes ? json{{"documentChanges", json::array({{{"textDocument", {{"uri", uri}, {"version", nullptr}}}, {"edits", edit}}})}}
                               : json{{"changes", {{uri, edit}}}});
}

}  // namespace winerr
