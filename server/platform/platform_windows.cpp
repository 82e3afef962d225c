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
#include <mutex>

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

// A blocking ReadFile on the handle behind the fd (pipe, file or console). interrupt() cancels
// the read in progress with CancelSynchronousIo on the reading thread. The cancel can miss:
// the reader may have announced the read but not yet entered ReadFile. So interrupt() keeps
// cancelling until the reader has left ReadFile; the flag, checked under the same lock before
// every read, makes sure no new read starts afterwards.
struct InputStream::State {
  int fd;
  std::mutex m;
  bool interrupted = false;    // guarded by m
  bool in_read = false;        // guarded by m: the reader is in (or about to enter) ReadFile
  HANDLE thread = nullptr;     // a real handle to the reading thread (for CancelSynchronousIo)
  DWORD thread_id = 0;
};

InputStream::InputStream(int fd) : state_(new State{}) { state_->fd = fd; }

InputStream::~InputStream() {
  if (state_->thread) ::CloseHandle(state_->thread);
  delete state_;
}

long InputStream::read(char* buf, std::size_t n) {
  HANDLE h = os_handle(state_->fd);
  if (h == INVALID_HANDLE_VALUE || h == nullptr) return -1;
  DWORD want = n > 0x40000000u ? 0x40000000u : static_cast<DWORD>(n);
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(state_->m);
      if (state_->interrupted) return kInterrupted;
      if (!state_->thread || state_->thread_id != ::GetCurrentThreadId()) {
        if (state_->thread) ::CloseHandle(state_->thread);
        state_->thread = nullptr;
        ::DuplicateHandle(::GetCurrentProcess(), ::GetCurrentThread(), ::GetCurrentProcess(),
                          &state_->thread, 0, FALSE, DUPLICATE_SAME_ACCESS);
        state_->thread_id = ::GetCurrentThreadId();
      }
      state_->in_read = true;
    }
    DWORD got = 0;
    BOOL ok = ::ReadFile(h, buf, want, &got, nullptr);
    DWORD err = ok ? 0 : ::GetLastError();
    bool interrupted;
    {
      std::lock_guard<std::mutex> lock(state_->m);
      state_->in_read = false;
      interrupted = state_->interrupted;
    }
    if (ok) return static_cast<long>(got);  // 0: end of a file (or a zero-length pipe write)
    switch (err) {
      case ERROR_OPERATION_ABORTED:
        if (interrupted) return kInterrupted;
        continue;  // cancelled by someone else: read again
      case ERROR_BROKEN_PIPE:  // the writer closed its end: end of input
      case ERROR_HANDLE_EOF:
        return interrupted ? kInterrupted : 0;
      default:
        return interrupted ? kInterrupted : -1;
    }
  }
}

void InputStream::interrupt() {
  {
    std::lock_guard<std::mutex> lock(state_->m);
    state_->interrupted = true;
  }
  // Up to ~5 s of retries; a read that cannot be cancelled at all is not worth hanging for.
  for (int i = 0; i < 5000; ++i) {
    {
      std::lock_guard<std::mutex> lock(state_->m);
      if (!state_->in_read) return;
      ::CancelSynchronousIo(state_->thread);
    }
    ::Sleep(1);
  }
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

bool stdin_is_terminal() { return ::_isatty(0) != 0; }
bool stdout_is_terminal() { return ::_isatty(1) != 0; }

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
