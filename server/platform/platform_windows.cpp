// platform_windows.cpp — see platform.h. Windows (mingw-w64, POSIX-threads toolchain).
#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <fcntl.h>
#include <io.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "platform.h"

namespace winerr::platform {

namespace {
HANDLE os_handle(int fd) { return reinterpret_cast<HANDLE>(::_get_osfhandle(fd)); }
}  // namespace

void prepare_process() {
  // Frames are counted in bytes: no "\r\n" <-> "\n" translation on the LSP streams.
  ::_setmode(::_fileno(stdin), _O_BINARY);
  ::_setmode(::_fileno(stdout), _O_BINARY);
  // `explain` prints UTF-8 (em dashes, quotes); without this a console shows mojibake.
  ::SetConsoleOutputCP(CP_UTF8);
  ::SetConsoleCP(CP_UTF8);
}

// A thread blocked in a synchronous ReadFile on a pipe cannot be woken reliably: under wine 8
// CancelSynchronousIo (retried for 5 s) did not wake it and the session's `exit` hung, and on
// Windows a cancel can miss a read that is just starting. So the blocking ReadFile runs on a pump thread of its own that
// fills a buffer; read() waits on a condition variable for data, end of input or interrupt(),
// and interrupt() never has to reach into ReadFile. The pump is detached: a pump still blocked
// when the process exits is ended with it. The state is shared, so it outlives either side.
// The pump stops reading ahead at kMaxBuffered bytes until read() takes them.
namespace {
constexpr std::size_t kMaxBuffered = 4u << 20;
constexpr DWORD kChunk = 64u << 10;

struct Pump {
  int fd;
  std::mutex m;
  std::condition_variable cv;
  std::string buffered;   // read by the pump, not yet taken by read()
  std::size_t taken = 0;  // bytes at the front of `buffered` already returned
  bool at_end = false;    // the pump saw end of input
  bool failed = false;    // the pump saw an error
  bool interrupted = false;

  std::size_t pending() const { return buffered.size() - taken; }

  static void run(std::shared_ptr<Pump> st) {
    HANDLE h = os_handle(st->fd);
    std::string chunk(kChunk, '\0');
    for (;;) {
      DWORD got = 0;
      BOOL ok = (h != INVALID_HANDLE_VALUE && h != nullptr) &&
                ::ReadFile(h, chunk.data(), kChunk, &got, nullptr);
      DWORD err = ok ? 0 : ::GetLastError();
      std::unique_lock<std::mutex> lock(st->m);
      if (ok && got > 0)
        st->buffered.append(chunk.data(), got);
      else if (ok || err == ERROR_BROKEN_PIPE || err == ERROR_HANDLE_EOF)
        st->at_end = true;  // 0 bytes from a file, or the writer closed the pipe
      else
        st->failed = true;
      st->cv.notify_all();
      if (st->at_end || st->failed) return;
      st->cv.wait(lock, [&] { return st->pending() < kMaxBuffered || st->interrupted; });
      if (st->interrupted) return;
    }
  }
};
}  // namespace

struct InputStream::State {
  std::shared_ptr<Pump> pump;
  bool started = false;  // only the reading thread touches it
};

InputStream::InputStream(int fd) : state_(new State{std::make_shared<Pump>(), false}) {
  state_->pump->fd = fd;
}

InputStream::~InputStream() {
  interrupt();
  delete state_;
}

long InputStream::read(char* buf, std::size_t n) {
  Pump& st = *state_->pump;
  if (!state_->started) {
    state_->started = true;
    std::thread(Pump::run, state_->pump).detach();
  }
  std::unique_lock<std::mutex> lock(st.m);
  st.cv.wait(lock, [&] { return st.interrupted || st.pending() > 0 || st.at_end || st.failed; });
  if (st.interrupted) return kInterrupted;
  if (st.pending() == 0) return st.failed ? -1 : 0;
  std::size_t k = st.pending() < n ? st.pending() : n;
  std::memcpy(buf, st.buffered.data() + st.taken, k);
  st.taken += k;
  if (st.pending() == 0) {
    st.buffered.clear();
    st.taken = 0;
  } else if (st.taken >= kMaxBuffered) {
    st.buffered.erase(0, st.taken);
    st.taken = 0;
  }
  st.cv.notify_all();  // room for the pump again
  return static_cast<long>(k);
}

void InputStream::interrupt() {
  Pump& st = *state_->pump;
  std::lock_guard<std::mutex> lock(st.m);
  st.interrupted = true;
  st.cv.notify_all();
}

bool write_all(int fd, std::string_view bytes) {
  HANDLE h = os_handle(fd);
  if (h == INVALID_HANDLE_VALUE || h == nullptr) return false;
  while (!bytes.empty()) {
    DWORD chunk = bytes.size() > 0x40000000u ? 0x40000000u : static_cast<DWORD>(bytes.size());
    DWORD wrote = 0;
    if (!::WriteFile(h, bytes.data(), chunk, &wrote, nullptr) || wrote == 0) return false;
    bytes.remove_prefix(wrote);
  }
  return true;
}

bool process_alive(long long pid) {
  if (pid <= 0) return true;
  HANDLE p = ::OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, static_cast<DWORD>(pid));
  if (!p) return ::GetLastError() != ERROR_INVALID_PARAMETER;  // no such process; else: denied
  DWORD code = 0;
  bool alive = !::GetExitCodeProcess(p, &code) || code == STILL_ACTIVE;
  ::CloseHandle(p);
  return alive;
}

// A console, not merely a character device: _isatty() is also true for NUL (`> NUL`).
namespace {
bool is_console(int fd) {
  DWORD mode = 0;
  HANDLE h = os_handle(fd);
  return h != INVALID_HANDLE_VALUE && h != nullptr && ::GetConsoleMode(h, &mode) != 0;
}
}  // namespace
bool input_stream_reads_sockets() { return false; }

bool stdin_is_terminal() { return is_console(0); }
bool stdout_is_terminal() { return is_console(1); }

std::filesystem::path user_config_dir() {
  const wchar_t* appdata = ::_wgetenv(L"APPDATA");
  if (appdata && *appdata) return std::filesystem::path(appdata) / L"winerr-ls";
  const wchar_t* profile = ::_wgetenv(L"USERPROFILE");
  if (profile && *profile)
    return std::filesystem::path(profile) / L"AppData" / L"Roaming" / L"winerr-ls";
  return {};
}

// The CRT heap returns large freed blocks to the OS by itself; nothing to do.
void release_free_memory() {}

}  // namespace winerr::platform
