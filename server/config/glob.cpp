// glob.cpp — see glob.h. Backtracking over the pattern; patterns are a few bytes.
#include "glob.h"

namespace winerr {

namespace {
bool match(std::string_view p, std::string_view s) {
  while (!p.empty()) {
    if (p.substr(0, 2) == "**") {
      p.remove_prefix(2);
      const bool slash = !p.empty() && p[0] == '/';
      if (slash) p.remove_prefix(1);
      // "**/" matches none or more whole segments; "**" at the end matches the rest.
      if (p.empty()) return true;
      for (std::size_t i = 0; i <= s.size(); ++i)
        if ((i == 0 || s[i - 1] == '/') && match(p, s.substr(i))) return true;
      return false;
    }
    if (p[0] == '*') {
      p.remove_prefix(1);
      for (std::size_t i = 0; i <= s.size(); ++i) {
        if (match(p, s.substr(i))) return true;
        if (i < s.size() && s[i] == '/') break;
      }
      return false;
    }
    if (s.empty()) return false;
    if (p[0] == '?' ? s[0] == '/' : p[0] != s[0]) return false;
    p.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}
}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  if (pattern.find('/') == std::string_view::npos) {
    const auto slash = path.rfind('/');
    return match(pattern, slash == std::string_view::npos ? path : path.substr(slash + 1));
  }
  if (!pattern.empty() && pattern[0] == '/') pattern.remove_prefix(1);
  return match(pattern, path);
}

}  // namespace winerr
