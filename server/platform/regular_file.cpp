// regular_file.cpp — what RegularFile and read_regular_file (platform.h) do the same on every
// platform; opening, reading and closing are the OS-specific part.
#include <algorithm>
#include <string>

#include "platform.h"

namespace winerr::platform {

RegularFile::~RegularFile() { close(); }

RegularFile& RegularFile::operator=(RegularFile&& o) noexcept {
  if (this != &o) {
    close();
    handle_ = o.handle_;
    size_ = o.size_;
    o.handle_ = -1;
  }
  return *this;
}

FileText read_regular_file(const std::filesystem::path& p, std::size_t max_bytes) {
  FileText r;
  RegularFile f;
  if (std::string why = f.open(p); !why.empty()) {
    r.error = std::move(why);
    return r;
  }
  const auto too_big = [&] { return "larger than " + std::to_string(max_bytes >> 10) + " KiB"; };
  if (f.size() > max_bytes) {
    r.error = too_big();
    return r;
  }
  // Sized by what was stat'ed, read on to max_bytes + 1 at most: a file that grows while it is
  // read is still refused, never followed.
  r.text.resize(static_cast<std::size_t>(f.size()) + 1);
  std::size_t got = 0;
  for (;;) {
    if (got == r.text.size()) {
      if (got > max_bytes) break;
      r.text.resize(std::min(max_bytes + 1, got * 2 + 4096));
    }
    const long long n = f.read(r.text.data() + got, r.text.size() - got);
    if (n < 0) {
      r.text.clear();
      r.error = "read failed";
      return r;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  if (got > max_bytes) {
    r.text.clear();
    r.error = too_big();
    return r;
  }
  r.text.resize(got);
  return r;
}

}  // namespace winerr::platform
