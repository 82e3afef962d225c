// fuzz_server — bytes into the whole server (framing, envelope, lifecycle, handlers), in
// process: the input is a memfd given as the server's stdin, stdout goes to /dev/null, and
// run_server returns at end of input (or on `exit`).
//
// The first byte chooses a prelude (so handlers are reached, not only the lifecycle check):
//   bit 0: an initialize request first (bit 1: the client offers utf-8 positions)
//   bit 2: then a didOpen of file:///a.log with a few lines of a VPN log
//   bit 3: the rest is framed for you: split at "\n---\n", each part sent with a correct
//          Content-Length; otherwise the rest is sent raw (headers and all).
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "server.h"

namespace {

std::string frame(std::string_view body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

void write_all(int fd, const std::string& s) {
  std::size_t off = 0;
  while (off < s.size()) {
    ssize_t w = ::write(fd, s.data() + off, s.size() - off);
    if (w <= 0) std::abort();
    off += static_cast<std::size_t>(w);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t flags = data[0];
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string in;
  if (flags & 1) {
    in += frame(std::string(R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"processId":null,"capabilities":{)") +
                ((flags & 2) ? R"("general":{"positionEncodings":["utf-8","utf-16"]})" : "") + "}}}");
    in += frame(R"({"jsonrpc":"2.0","method":"initialized","params":{}})");
  }
  if (flags & 4)
    in += frame(R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.log",)"
                R"("languageId":"log","version":1,"text":"IKEEXT: failure error code: 0x000035e9\nPeer failed with )"
                R"(Windows error 13801(ERROR_IPSEC_IKE_AUTH_FAIL)\nhr=0x800735EE \u00e9\ud83d\ude00 -2147011090\n"}}})");
  if (flags & 8) {
    for (std::size_t b = 0; b <= rest.size();) {
      std::size_t e = rest.find("\n---\n", b);
      if (e == std::string_view::npos) e = rest.size();
      in += frame(rest.substr(b, e - b));
      b = e + 5;
    }
  } else {
    in.append(rest);
  }

  const int in_fd = ::memfd_create("fuzz_server_in", MFD_CLOEXEC);
  const int out_fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (in_fd < 0 || out_fd < 0) std::abort();
  write_all(in_fd, in);
  ::lseek(in_fd, 0, SEEK_SET);
  winerr::ServerOptions o;
  o.in_fd = in_fd;
  o.out_fd = out_fd;
  winerr::run_server(o);
  ::close(in_fd);
  ::close(out_fd);
  return 0;
}
