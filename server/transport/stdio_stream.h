// stdio_stream.h — blocking byte streams over file descriptors.
//
// Blocking reads, not asio: stdin may be a regular file (a recorded session piped in), which
// epoll refuses (asio issue #111). Reads and writes happen on different threads, so a client
// and server both writing megabytes cannot deadlock: the reader keeps draining stdin while
// the writer waits for the client to drain stdout.
#pragma once

#include <cstddef>
#include <string_view>

namespace winerr {

// Reads up to n bytes; returns 0 at end of input, -1 on error (errno kept). Retries EINTR.
long read_some(int fd, char* buf, std::size_t n);
// Writes everything; false when the peer is gone.
bool write_all(int fd, std::string_view bytes);

}  // namespace winerr
