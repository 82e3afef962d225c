// config_file.h — reading a small JSON settings or catalog file: only regular files, with a
// size limit, and a parse error told as FILE:LINE:COLUMN with the reason in words (never a
// library's exception text). And a file's stamp (exists, time, size), to see that it changed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace winerr {

struct FileStamp {
  bool exists = false;
  std::filesystem::file_time_type mtime{};
  std::uintmax_t size = 0;
  bool operator==(const FileStamp&) const = default;
};
FileStamp stamp_of(const std::filesystem::path& p);

struct JsonFile {
  std::optional<nlohmann::json> value;  // none on error
  std::string error;                     // "FILE:3:14: not valid JSON: …", or why it was not read
};
inline constexpr std::size_t kMaxSettingsFileBytes = std::size_t{1} << 20;
JsonFile read_json_file(const std::filesystem::path& p, std::size_t max_bytes = kMaxSettingsFileBytes);
// Parses text; on error says where (label:line:column) and what.
JsonFile parse_json_text(const std::string& text, const std::string& label);

}  // namespace winerr
