// The platform layer on whichever OS the tests run: Linux natively, Windows under wine,
// ARM64 under qemu (tests/cross/). InputStream over a pipe: data, end of input, interrupt()
// waking a blocked read; user_config_dir().
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <future>
#include <string>
#include <thread>

#include "platform/platform.h"

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#else
#include <unistd.h>
#endif

using winerr::platform::InputStream;

namespace {
struct Pipe {
  int fd[2] = {-1, -1};
  Pipe() {
#ifdef _WIN32
    REQUIRE(::_pipe(fd, 1 << 16, _O_BINARY) == 0);
#else
    REQUIRE(::pipe(fd) == 0);
#endif
  }
  void close_write() {
    if (fd[1] >= 0) {
#ifdef _WIN32
      ::_close(fd[1]);
#else
      ::close(fd[1]);
#endif
    }
    fd[1] = -1;
  }
  ~Pipe() {
    close_write();
#ifdef _WIN32
    ::_close(fd[0]);
#else
    ::close(fd[0]);
#endif
  }
};
}  // namespace

TEST_CASE("platform: InputStream reads bytes exactly, then end of input") {
  Pipe p;
  InputStream in(p.fd[0]);
  REQUIRE(winerr::platform::write_all(p.fd[1], std::string("Content-Length: 2\r\n\r\n{}", 23)));
  std::string got;
  char buf[64];
  while (got.size() < 23) {
    long n = in.read(buf, sizeof buf);
    REQUIRE(n > 0);
    got.append(buf, static_cast<std::size_t>(n));
  }
  CHECK(got == "Content-Length: 2\r\n\r\n{}");  // no CR/LF translation
  p.close_write();
  CHECK(in.read(buf, sizeof buf) == 0);
}

TEST_CASE("platform: interrupt() wakes a read blocked on a pipe nobody writes to") {
  Pipe p;
  InputStream in(p.fd[0]);
  auto reader = std::async(std::launch::async, [&] {
    char buf[16];
    return in.read(buf, sizeof buf);
  });
  CHECK(reader.wait_for(std::chrono::milliseconds(200)) == std::future_status::timeout);  // blocked
  in.interrupt();
  REQUIRE(reader.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  CHECK(reader.get() == InputStream::kInterrupted);
  char buf[4];
  CHECK(in.read(buf, sizeof buf) == InputStream::kInterrupted);  // and stays interrupted
}

TEST_CASE("platform: user_config_dir") {
  auto dir = winerr::platform::user_config_dir();
  CHECK(dir.filename() == "winerr-ls");
#ifdef _WIN32
  const wchar_t* appdata = ::_wgetenv(L"APPDATA");
  REQUIRE(appdata);
  CHECK(dir == std::filesystem::path(appdata) / L"winerr-ls");
#else
  const char* home = std::getenv("HOME");
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg == '/')
    CHECK(dir == std::filesystem::path(xdg) / "winerr-ls");
  else if (home && *home)
    CHECK(dir == std::filesystem::path(home) / ".config" / "winerr-ls");
  ::setenv("XDG_CONFIG_HOME", "/srv/cfg", 1);
  CHECK(winerr::platform::user_config_dir() == "/srv/cfg/winerr-ls");
  ::setenv("XDG_CONFIG_HOME", "relative/ignored", 1);  // the spec: only absolute paths count
  ::setenv("HOME", "/home/alice", 1);
  CHECK(winerr::platform::user_config_dir() == "/home/alice/.config/winerr-ls");
  if (xdg) ::setenv("XDG_CONFIG_HOME", xdg, 1); else ::unsetenv("XDG_CONFIG_HOME");
  if (home) ::setenv("HOME", home, 1); else ::unsetenv("HOME");
#endif
}

TEST_CASE("platform: paths from and to UTF-8") {
  const std::string name = "C:\\Users\\J\xC3\xBCrgen\\vpn.log";
  auto p = winerr::platform::path_from_utf8(name);
  CHECK(winerr::platform::path_to_utf8(p) == name);
#ifdef _WIN32
  CHECK(p.wstring() == L"C:\\Users\\J\u00FCrgen\\vpn.log");  // decoded as UTF-8, not the ANSI code page
#endif
}
