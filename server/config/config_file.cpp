// config_file.cpp — see config_file.h.
#include "config_file.h"

#include <system_error>

#include "platform/platform.h"

namespace winerr {

FileStamp stamp_of(const std::filesystem::path& p) {
  std::error_code ec;
  FileStamp s;
  if (!std::filesystem::is_regular_file(p, ec)) return s;
  s.exists = true;
  s.mtime = std::filesystem::last_write_time(p, ec);
  s.size = std::filesystem::file_size(p, ec);
  return s;
}

JsonFile parse_json_text(const std::string& text, const std::string& label) {
  JsonFile r;
  try {
    r.value = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based, the byte after which the parser gave up.
    const std::size_t at = e.byte == 0 ? 0 : std::min<std::size_t>(e.byte - 1, text.size());
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i < at; ++i) {
      if (text[i] == '\n') { ++line; col = 1; }
      else ++col;
    }
    // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error while
    // parsing object - unexpected '}'; expected string literal": keep only what follows "- ".
    std::string why = e.what();
    if (auto dash = why.find(" - "); dash != std::string::npos) why = why.substr(dash + 3);
    else if (auto colon = why.rfind(": "); colon != std::string::npos) why = why.substr(colon + 2);
    r.error = label + ":" + std::to_string(line) + ":" + std::to_string(col) + ": not valid JSON: " + why;
  }
  return r;
}

JsonFile read_json_file(const std::filesystem::path& p, std::size_t max_bytes) {
  const std::string label = platform::path_to_utf8(p);
  platform::FileText f = platform::read_regular_file(p, max_bytes);
  if (!f.error.empty()) {
    if (f.error.starts_with("larger than")) f.error += "; not a settings file";
    return {std::nullopt, label + ": " + f.error};
  }
  return parse_json_text(f.text, label);
}

}  // namespace winerr
