// platform_windows.cpp — see platform.h. Windows (mingw-w64, POSIX-threads toolchain).
#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <winsock2.h>  // before windows.h, which would pull in the old winsock.h
#include <windows.h>

#include <fcntl.h>
#include <io.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "platform.h"

namespace winerr::platform {

namespace {
HANDLE os_handle(int fd) { return reinterpret_cast<HANDLE>(::_get_osfhandle(fd)); }
// A SOCKET travels as an int (tcp.h): Windows socket handles fit in 32 bits by design, so
// that 32- and 64-bit processes can share them.
SOCKET as_socket(int fd) { return static_cast<SOCKET>(static_cast<unsigned int>(fd)); }

// Windows' SIGTERM: a console control event (Ctrl+C, Ctrl+Break, the console window closed,
// logoff, shutdown) arrives on a thread of its own. It marks the process as terminating and
// wakes every reader, which then returns kTerminated: the same clean end as SIGTERM on POSIX.
std::atomic<bool> g_terminated{false};
std::mutex g_waiters_mutex;
std::vector<std::pair<std::mutex*, std::condition_variable*>> g_waiters;  // live readers

BOOL WINAPI on_console_event(DWORD event) {
  g_terminated = true;
  {
    std::lock_guard<std::mutex> lock(g_waiters_mutex);
    for (auto& w : g_waiters) {
      std::lock_guard<std::mutex> l(*w.first);  // so a reader between its check and its wait sees it
      w.second->notify_all();
    }
  }
  // For a closing console, logoff or shutdown Windows ends the process as soon as this
  // returns; give the session a moment to finish its exit.
  if (event == CTRL_CLOSE_EVENT || event == CTRL_LOGOFF_EVENT || event == CTRL_SHUTDOWN_EVENT) ::Sleep(500);
  return TRUE;
}
}  // namespace

bool stop_requested() { return g_terminated; }

void prepare_process() {
  ::SetConsoleCtrlHandler(on_console_event, TRUE);
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
  StreamKind kind = StreamKind::Pipe;
  std::mutex m;
  std::condition_variable cv;
  std::string buffered;   // read by the pump, not yet taken by read()
  std::size_t taken = 0;  // bytes at the front of `buffered` already returned
  bool at_end = false;    // the pump saw end of input
  bool failed = false;    // the pump saw an error
  bool interrupted = false;

  std::size_t pending() const { return buffered.size() - taken; }

  struct Got {
    std::size_t bytes = 0;
    bool end = false;  // with bytes == 0: end of input; else an error
  };
  static Got read_file(int fd, std::string& chunk) {
    HANDLE h = os_handle(fd);
    DWORD got = 0;
    BOOL ok = (h != INVALID_HANDLE_VALUE && h != nullptr) && ::ReadFile(h, chunk.data(), kChunk, &got, nullptr);
    DWORD err = ok ? 0 : ::GetLastError();
    // 0 bytes from a file, or the writer closed the pipe: the end.
    return {ok ? got : 0, ok || err == ERROR_BROKEN_PIPE || err == ERROR_HANDLE_EOF};
  }
  static Got read_socket(int fd, std::string& chunk) {
    int got = ::recv(as_socket(fd), chunk.data(), static_cast<int>(kChunk), 0);
    if (got > 0) return {static_cast<std::size_t>(got), false};
    // 0: the peer shut down its side; a reset or aborted connection is the peer gone too.
    const int err = got == 0 ? 0 : ::WSAGetLastError();
    return {0, got == 0 || err == WSAECONNRESET || err == WSAECONNABORTED || err == WSAESHUTDOWN};
  }

  static void run(std::shared_ptr<Pump> st) {
    std::string chunk(kChunk, '\0');
    for (;;) {
      const Got r = st->kind == StreamKind::Socket ? read_socket(st->fd, chunk) : read_file(st->fd, chunk);
      std::unique_lock<std::mutex> lock(st->m);
      if (r.bytes > 0)
        st->buffered.append(chunk.data(), r.bytes);
      else if (r.end)
        st->at_end = true;
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

InputStream::InputStream(int fd, StreamKind kind) : state_(new State{std::make_shared<Pump>(), false}) {
  state_->pump->fd = fd;
  state_->pump->kind = kind;
  std::lock_guard<std::mutex> lock(g_waiters_mutex);
  g_waiters.emplace_back(&state_->pump->m, &state_->pump->cv);
}

InputStream::~InputStream() {
  {
    std::lock_guard<std::mutex> lock(g_waiters_mutex);
    for (auto it = g_waiters.begin(); it != g_waiters.end(); ++it)
      if (it->first == &state_->pump->m) { g_waiters.erase(it); break; }
  }
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
  st.cv.wait(lock, [&] { return st.interrupted || g_terminated || st.pending() > 0 || st.at_end || st.failed; });
  if (st.interrupted) return kInterrupted;
  if (g_terminated) return kTerminated;
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

bool write_all(int fd, std::string_view bytes, StreamKind kind) {
  if (kind == StreamKind::Socket) {
    while (!bytes.empty()) {
      const int chunk = bytes.size() > 0x40000000u ? 0x40000000 : static_cast<int>(bytes.size());
      const int sent = ::send(as_socket(fd), bytes.data(), chunk, 0);
      if (sent <= 0) return false;  // reset, shut down or closed: the peer is gone
      bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
  }
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
void RegularFile::close() {
  if (handle_ != -1) CloseHandle(reinterpret_cast<HANDLE>(handle_));
  handle_ = -1;
}

std::string RegularFile::open(const std::filesystem::path& p) {
  close();
  // Without FILE_FLAG_BACKUP_SEMANTICS a directory does not open; FILE_SHARE_* lets the log's
  // writer go on (and rotate it) while we read. Opening a named pipe or a device returns at
  // once; GetFileType on the handle then tells what it is.
  HANDLE h = CreateFileW(p.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr, OPEN_EXISTING,
                         FILE_ATTRIBUTE_NORMAL, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    const DWORD e = GetLastError();
    if (e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND) return "no such file";
    if (e == ERROR_ACCESS_DENIED) {
      std::error_code ec;
      if (std::filesystem::is_directory(p, ec)) return "not a regular file (a directory)";
    }
    return "cannot be opened: Windows error " + std::to_string(e);
  }
  const DWORD type = GetFileType(h);
  LARGE_INTEGER size{};
  if (type != FILE_TYPE_DISK || !GetFileSizeEx(h, &size)) {
    CloseHandle(h);
    return type == FILE_TYPE_PIPE ? "not a regular file (a pipe)"
           : type == FILE_TYPE_CHAR ? "not a regular file (a character device)"
                                    : "not a regular file";
  }
  handle_ = reinterpret_cast<std::intptr_t>(h);
  size_ = static_cast<std::uint64_t>(size.QuadPart);
  return {};
}

long long RegularFile::read(char* buf, std::size_t n) {
  if (handle_ == -1) return -1;
  DWORD got = 0;
  const DWORD want = static_cast<DWORD>(std::min<std::size_t>(n, 1u << 30));
  if (!ReadFile(reinterpret_cast<HANDLE>(handle_), buf, want, &got, nullptr)) return -1;
  return got;
}

bool RegularFile::seek(std::uint64_t offset) {
  LARGE_INTEGER to{};
  to.QuadPart = static_cast<LONGLONG>(offset);
  return handle_ != -1 && SetFilePointerEx(reinterpret_cast<HANDLE>(handle_), to, nullptr, FILE_BEGIN);
}

void release_free_memory() {}

void advise_huge_pages(void*, std::size_t) {}

}  // namespace winerr::platform
