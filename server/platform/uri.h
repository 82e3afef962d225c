// uri.h — `file:` URIs <-> file system paths, for both path styles. Pure functions: the style
// is a parameter, so the Windows rules are unit-tested on Linux too (tests/unit/core/test_uri.cpp).
//
//   Windows:  file:///c%3A/Logs/vpn.log  <->  C:\Logs\vpn.log     (drive letter any case in,
//             file:///C:/Logs/vpn.log     ->  C:\Logs\vpn.log      upper case out; ':' as
//             file://server/share/x.log  <->  \\server\share\x.log   %3A out, as VS Code sends)
//   POSIX:    file:///home/a%20b/x.log   <->  /home/a b/x.log
//
// Paths are UTF-8 byte strings (on Windows convert to/from UTF-16 at the OS boundary).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace winerr::platform {

enum class PathStyle { posix, windows };

#ifdef _WIN32
inline constexpr PathStyle kNativePathStyle = PathStyle::windows;
#else
inline constexpr PathStyle kNativePathStyle = PathStyle::posix;
#endif

// The path a `file:` URI names, or nullopt: not a file URI, a bad %-escape, an encoded NUL, a
// query, or (POSIX) a remote host. "localhost" as host means local. A fragment is ignored.
std::optional<std::string> uri_to_path(std::string_view uri, PathStyle style = kNativePathStyle);

// The `file:` URI of an absolute path: every byte but A-Z a-z 0-9 - . _ ~ and the separators
// %-encoded (upper-case hex). Windows: '\' and '/' both separate; a drive letter comes out
// lower case with ':' as %3A (VS Code's form); \\server\share\… becomes file://server/share/…;
// the \\?\ and \\?\UNC\ prefixes are dropped.
std::string path_to_uri(std::string_view path, PathStyle style = kNativePathStyle);

// One spelling per file: path_to_uri(uri_to_path(uri)), or the uri unchanged when it names no
// path. file:///C:/x, file:///c%3A/x and file:///c:/x all become file:///c%3A/x (Windows).
std::string normalize_file_uri(std::string_view uri, PathStyle style = kNativePathStyle);

}  // namespace winerr::platform
