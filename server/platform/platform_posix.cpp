// platform_posix.cpp — see platform.h.
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

#include "platform.h"

namespace winerr::platform {

void prepare_process() { ::signal(SIGPIPE, SIG_IGN); }

// poll() on the fd and a wake pipe; a regular file as stdin always polls readable, so a
// recorded session piped in from a file still works.
struct InputStream::State {
  int fd;
  int wake[2] = {-1, -1};
  std::atomic<bool> interrupted{false};
};

InputStream::InputStream(int fd) : state_(new State{fd}) {
  if (::pipe(state_->wake) != 0) state_->wake[0] = state_->wake[1] = -1;
}
InputStream::~InputStream() {
  for (int fd : state_->wake)
    if (fd >= 0) ::close(fd);
  delete state_;
}

long InputStream::read(char* buf, std::size_t n) {
  for (;;) {
    if (state_->interrupted) return kInterrupted;
    pollfd fds[2] = {{state_->fd, POLLIN, 0}, {state_->wake[0], POLLIN, 0}};
    int r = ::poll(fds, state_->wake[0] >= 0 ? 2 : 1, -1);
    if (r < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (state_->interrupted) return kInterrupted;
    if (fds[0].revents & POLLNVAL) return -1;
    if (!(fds[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
    ssize_t got = ::read(state_->fd, buf, n);
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    return static_cast<long>(got);
  }
}

void InputStream::interrupt() {
  state_->interrupted = true;
  if (state_->wake[1] >= 0) (void)!::write(state_->wake[1], "x", 1);
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

bool process_alive(long long pid) {
  if (pid <= 0) return true;
  if (::kill(static_cast<pid_t>(pid), 0) == 0) return true;
  return errno != ESRCH;  // EPERM: it exists, we may not signal it
}

}  // namespace winerr::platform
