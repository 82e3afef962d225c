// stdio_stream.cpp — see stdio_stream.h.
#include "stdio_stream.h"

#include <cerrno>
#include <unistd.h>

namespace winerr {

long read_some(int fd, char* buf, std::size_t n) {
  for (;;) {
    ssize_t r = ::read(fd, buf, n);
    if (r < 0 && errno == EINTR) continue;
    return static_cast<long>(r);
  }
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t r = ::write(fd, bytes.data(), bytes.size());
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(r));
  }
  return true;
}

}  // namespace winerr
