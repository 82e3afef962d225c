// platform_posix.cpp — see platform.h.
#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "platform.h"

#if defined(__GLIBC__)
#include <malloc.h>  // malloc_trim
#endif

namespace winerr::platform {

namespace {
// SIGTERM -> a byte in this pipe, which every InputStream polls: the handler does nothing
// but write(), the one async-signal-safe way to wake a thread.
int g_term_pipe[2] = {-1, -1};
void on_sigterm(int) {
  if (g_term_pipe[1] >= 0) (void)!::write(g_term_pipe[1], "t", 1);
}
}  // namespace

bool stop_requested() {
  pollfd p{g_term_pipe[0], POLLIN, 0};
  return g_term_pipe[0] >= 0 && ::poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

void prepare_process() {
  ::signal(SIGPIPE, SIG_IGN);
  if (::pipe(g_term_pipe) == 0) {
    struct sigaction sa {};
    sa.sa_handler = on_sigterm;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGTERM, &sa, nullptr);
  }
}

// poll() on the fd and a wake pipe; a regular file as stdin always polls readable, so a
// recorded session piped in from a file still works.
struct InputStream::State {
  int fd;
  int wake[2] = {-1, -1};
  std::atomic<bool> interrupted{false};
};

InputStream::InputStream(int fd, StreamKind) : state_(new State{fd}) {
  if (::pipe(state_->wake) != 0) state_->wake[0] = state_->wake[1] = -1;
#ifdef F_SETPIPE_SZ
  // A pipe holds 64 KiB by default: a 200 MB didOpen then takes 3,200 hand-offs between the
  // editor and us, each a wake-up of both. 1 MiB (Linux's limit for a user) needs 16 times
  // fewer. Fails harmlessly when stdin is not a pipe.
  (void)::fcntl(fd, F_SETPIPE_SZ, 1 << 20);
#endif
}
InputStream::~InputStream() {
  for (int fd : state_->wake)
    if (fd >= 0) ::close(fd);
  delete state_;
}

long InputStream::read(char* buf, std::size_t n) {
  for (;;) {
    if (state_->interrupted) return kInterrupted;
    pollfd fds[3] = {{state_->fd, POLLIN, 0}, {state_->wake[0], POLLIN, 0}, {g_term_pipe[0], POLLIN, 0}};
    int r = ::poll(fds, 3, -1);  // poll ignores the entries whose fd is -1
    if (r < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (state_->interrupted) return kInterrupted;
    if (fds[2].revents & POLLIN) return kTerminated;
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

bool write_all(int fd, std::string_view bytes, StreamKind) {
  while (!bytes.empty()) {
    ssize_t r = ::write(fd, bytes.data(), bytes.size());
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(r));
  }
  return true;
}

void RegularFile::close() {
  if (handle_ != -1) ::close(static_cast<int>(handle_));
  handle_ = -1;
}

namespace {
const char* kind_of(mode_t m) {
  if (S_ISFIFO(m)) return "a FIFO";
  if (S_ISCHR(m)) return "a character device";
  if (S_ISBLK(m)) return "a block device";
  if (S_ISSOCK(m)) return "a socket";
  if (S_ISDIR(m)) return "a directory";
  return "not a file";
}
}  // namespace

std::string RegularFile::open(const std::filesystem::path& p) {
  close();
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, for ever. The
  // kind is then read from the descriptor itself, so a file swapped after a check is no way in.
  int fd;
  do fd = ::open(p.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return "no such file";
    return std::string("cannot be opened: ") + std::strerror(errno);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    const std::string why = std::string("not a regular file (") + kind_of(st.st_mode) + ")";
    ::close(fd);
    return why;
  }
  // Reads of a regular file never wait anyway; blocking mode is the plain one.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  handle_ = fd;
  size_ = static_cast<std::uint64_t>(st.st_size);
  return {};
}

long long RegularFile::read(char* buf, std::size_t n) {
  if (handle_ == -1) return -1;
  for (;;) {
    const ssize_t r = ::read(static_cast<int>(handle_), buf, n);
    if (r >= 0 || errno != EINTR) return r;
  }
}

bool RegularFile::seek(std::uint64_t offset) {
  return handle_ != -1 && ::lseek(static_cast<int>(handle_), static_cast<off_t>(offset), SEEK_SET) >= 0;
}

void release_free_memory() {
#ifdef __GLIBC__
  ::malloc_trim(0);
#endif
}

void advise_huge_pages(void* p, std::size_t n) {
#ifdef MADV_HUGEPAGE
  // madvise wants whole pages: the part of the block that covers them.
  const long page = ::sysconf(_SC_PAGESIZE);
  if (page <= 0) return;
  const auto size = static_cast<std::uintptr_t>(page);
  const auto begin = (reinterpret_cast<std::uintptr_t>(p) + size - 1) & ~(size - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(p) + n) & ~(size - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)p;
  (void)n;
#endif
}

bool process_alive(long long pid) {
  if (pid <= 0) return true;
  if (::kill(static_cast<pid_t>(pid), 0) == 0) return true;
  return errno != ESRCH;  // EPERM: it exists, we may not signal it
}


bool stdin_is_terminal() { return ::isatty(0) == 1; }
bool stdout_is_terminal() { return ::isatty(1) == 1; }

std::filesystem::path user_config_dir() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg == '/') return std::filesystem::path(xdg) / "winerr-ls";  // must be absolute
  const char* home = std::getenv("HOME");
  if (home && *home) return std::filesystem::path(home) / ".config" / "winerr-ls";
  return {};
}

}  // namespace winerr::platform
