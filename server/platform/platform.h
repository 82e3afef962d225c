// platform.h — the only place that knows which operating system we run on. Everything the
// server needs from the OS goes through here: byte streams, process checks, paths.
// Implementations: platform_posix.cpp (Linux, macOS), platform_windows.cpp (mingw-w64).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace winerr::platform {

// Once at startup, before any I/O: stdin/stdout in binary mode (Windows would otherwise turn
// "\r\n" in frames into "\n" and count bytes wrong), SIGPIPE ignored (POSIX: a client that
// goes away must not kill us mid-write; write() reports it instead), UTF-8 console output,
// and a request to stop turned into a clean end of the session (every InputStream returns
// kTerminated): SIGTERM on POSIX; Ctrl+C, Ctrl+Break and the console closing on Windows.
void prepare_process();

// Whether the process was asked to stop (see prepare_process): for loops that read no stream,
// like `check --follow`.
bool stop_requested();

// What a descriptor is. POSIX reads and writes both alike (a socket is a file descriptor);
// on Windows a SOCKET is no CRT descriptor and needs recv()/send() (--listen, --socket).
enum class StreamKind { Pipe, Socket };

// A blocking byte stream over a file descriptor that another thread can interrupt: the
// server's reader waits here, and the worker wakes it when the session ends.
class InputStream {
 public:
  explicit InputStream(int fd, StreamKind kind = StreamKind::Pipe);
  ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;

  static constexpr long kInterrupted = -2;
  static constexpr long kTerminated = -3;
  // Up to n bytes; 0 at end of input, -1 on error, kInterrupted after interrupt(),
  // kTerminated once the process was asked to stop (SIGTERM; see prepare_process).
  long read(char* buf, std::size_t n);
  // From any thread: the read in progress (or the next one) returns kInterrupted.
  void interrupt();

 private:
  struct State;
  State* state_;
};

// Writes everything; false when the peer is gone (EPIPE, closed handle, reset connection).
bool write_all(int fd, std::string_view bytes, StreamKind kind = StreamKind::Pipe);

// Gives memory that is free inside the allocator back to the OS (glibc keeps freed blocks
// for reuse; after closing big documents a user expects the server to shrink). Costs a few
// ms on a large heap, so callers use it after freeing a lot, not per message.
void release_free_memory();

// Tells the OS that [p, p + n) is about to be filled at once, so it may back it with huge
// pages (Linux: madvise MADV_HUGEPAGE). On a VM a 4 KiB page fault costs about 10 us: a 200
// MB didOpen body took 0.55 s of faults alone, 30 ms with 2 MiB pages. A hint: no effect
// where the OS has none (Windows' large pages need a privilege a user does not have).
void advise_huge_pages(void* p, std::size_t n);

// A file that a user or a cloned repository controls (settings, .winerr.json, team catalogs,
// `check` inputs, winerr.scanFile), opened so that it can neither block nor flood the server:
// the open itself never waits (O_NONBLOCK on POSIX, so a FIFO with no writer cannot hang the
// worker), and only a regular file is kept. A FIFO, a device (/dev/zero, NUL), a socket or a
// directory is refused in words, whatever a symbolic link made it look like.
class RegularFile {
 public:
  RegularFile() = default;
  ~RegularFile();
  RegularFile(RegularFile&& o) noexcept : handle_(o.handle_), size_(o.size_) { o.handle_ = -1; }
  RegularFile& operator=(RegularFile&& o) noexcept;
  RegularFile(const RegularFile&) = delete;
  RegularFile& operator=(const RegularFile&) = delete;

  // Empty on success; else why not: "no such file", "not a regular file (a FIFO)",
  // "cannot be opened: <reason>". Only what the opened handle says counts (no check-then-open).
  std::string open(const std::filesystem::path& p);
  bool is_open() const { return handle_ != -1; }
  // The size when it was opened.
  std::uint64_t size() const { return size_; }
  // Up to n bytes from the current offset: 0 at the end, -1 on error.
  long long read(char* buf, std::size_t n);
  bool seek(std::uint64_t offset);
  void close();

 private:
  std::intptr_t handle_ = -1;  // a descriptor on POSIX, a HANDLE on Windows
  std::uint64_t size_ = 0;
};

// A whole regular file of at most max_bytes (configuration: settings, catalogs). The bytes, or
// why not in words ("not a regular file (a FIFO)", "larger than 1024 KiB"). Reads at most
// max_bytes + 1 bytes even when the file grows while it is read.
struct FileText {
  std::string text;
  std::string error;  // empty on success
};
FileText read_regular_file(const std::filesystem::path& p, std::size_t max_bytes);

// Whether a process with this id exists (initialize.processId: exit when the editor died).
// Unknown (no permission to ask) counts as alive.
bool process_alive(long long pid);

// Whether standard input / output is a terminal (isatty; _isatty on Windows): bare `winerr-ls`
// typed in a terminal explains itself on stderr; `check --color=auto` colours only a terminal.
bool stdin_is_terminal();
bool stdout_is_terminal();

// Where per-user files live: %APPDATA%\winerr-ls on Windows; $XDG_CONFIG_HOME/winerr-ls, else
// ~/.config/winerr-ls elsewhere. Empty when the environment names no home at all. Not created.
std::filesystem::path user_config_dir();

// Paths from and to UTF-8 bytes (argv under the exe's UTF-8 code page, JSON, URIs). On Windows
// std::filesystem::path(std::string) does not decode UTF-8 (C:\Users\Jürgen would not be found);
// char8_t strings are UTF-8 on every platform. On POSIX both are the bytes unchanged.
inline std::filesystem::path path_from_utf8(std::string_view s) {
  return std::filesystem::path(std::u8string(s.begin(), s.end()));
}
inline std::string path_to_utf8(const std::filesystem::path& p) {
  std::u8string u = p.u8string();
  return std::string(u.begin(), u.end());
}

}  // namespace winerr::platform
