// uri.cpp — see uri.h.
#include "uri.h"

namespace winerr::platform {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    char c = static_cast<char>(hi * 16 + lo);
    if (c == '\0') return std::nullopt;
    out += c;
    i += 2;
  }
  return out;
}

bool unreserved(char c) {
  return is_alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}

void percent_encode_into(std::string& out, std::string_view s, bool keep_slash) {
  static const char* hex = "0123456789ABCDEF";
  for (char c : s) {
    if (unreserved(c) || (keep_slash && c == '/')) {
      out += c;
    } else {
      auto b = static_cast<unsigned char>(c);
      out += '%';
      out += hex[b >> 4];
      out += hex[b & 15];
    }
  }
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (lower(s[i]) != lower(prefix[i])) return false;
  return true;
}

}  // namespace

std::optional<std::string> uri_to_path(std::string_view uri, PathStyle style) {
  if (!starts_with_ci(uri, "file:")) return std::nullopt;
  std::string_view rest = uri.substr(5);
  if (auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  if (rest.find('?') != std::string_view::npos) return std::nullopt;

  std::string_view host;
  if (rest.substr(0, 2) == "//") {
    rest.remove_prefix(2);
    auto slash = rest.find('/');
    host = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
    if (starts_with_ci(host, "localhost") && host.size() == 9) host = {};
  }
  auto path = percent_decode(rest);
  if (!path) return std::nullopt;
  auto decoded_host = percent_decode(host);
  if (!decoded_host) return std::nullopt;

  if (style == PathStyle::posix) {
    if (!decoded_host->empty()) return std::nullopt;  // file://server/x: not a local path
    if (path->empty()) return std::string("/");
    return *path;
  }

  std::string out;
  if (!decoded_host->empty()) {  // UNC: \\server\share\rest
    out = "\\\\" + *decoded_host;
  } else {
    // "/c:/x", "/C|/x" (old form), or "c:/x" (file:c:/x): a drive.
    std::string_view p = *path;
    std::size_t at = (!p.empty() && p[0] == '/') ? 1 : 0;
    if (p.size() >= at + 2 && is_alpha(p[at]) && (p[at + 1] == ':' || p[at + 1] == '|') &&
        (p.size() == at + 2 || p[at + 2] == '/')) {
      out += upper(p[at]);
      out += ':';
      path->erase(0, at + 2);
      if (path->empty()) path->assign("/");
    }
  }
  for (char c : *path) out += (c == '/') ? '\\' : c;
  return out;
}

std::string path_to_uri(std::string_view path, PathStyle style) {
  std::string out = "file://";
  if (style == PathStyle::posix) {
    if (path.empty() || path[0] != '/') out += '/';
    percent_encode_into(out, path, true);
    return out;
  }

  std::string p(path);
  for (char& c : p)
    if (c == '\\') c = '/';
  if (starts_with_ci(p, "//?/UNC/")) p = "//" + p.substr(8);
  else if (p.rfind("//?/", 0) == 0) p = p.substr(4);

  if (p.rfind("//", 0) == 0) {  // UNC: //server/share/x -> file://server/share/x
    std::string_view rest = std::string_view(p).substr(2);
    auto slash = rest.find('/');
    std::string_view host = rest.substr(0, slash);
    percent_encode_into(out, host, false);
    if (slash != std::string_view::npos) percent_encode_into(out, rest.substr(slash), true);
    else out += '/';
    return out;
  }
  out += '/';
  std::string_view rest = p;
  if (rest.size() >= 2 && is_alpha(rest[0]) && rest[1] == ':') {
    out += lower(rest[0]);
    out += "%3A";
    rest.remove_prefix(2);
    if (rest.empty()) rest = "/";
  } else if (!rest.empty() && rest[0] == '/') {
    rest.remove_prefix(1);
  }
  percent_encode_into(out, rest, true);
  return out;
}

std::string normalize_file_uri(std::string_view uri, PathStyle style) {
  auto path = uri_to_path(uri, style);
  if (!path) return std::string(uri);
  return path_to_uri(*path, style);
}

}  // namespace winerr::platform
