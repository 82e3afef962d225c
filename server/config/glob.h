// glob.h — the globs of the `exclude` setting, over '/'-separated relative paths: `*` (any
// run of characters but '/'), `**` (any run of whole path segments, also none), `?` (one
// character but '/'). A pattern without '/' matches the last segment anywhere ("*.etl").
// Std only.
#pragma once

#include <string_view>

namespace winerr {

bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace winerr
