// tcp.cpp — see tcp.h. asio (standalone, header-only) does the address parsing, resolving,
// binding and listening portably. The one connected socket the session uses is made with the
// plain socket calls (accept on the acceptor's handle; socket + connect), so that no asio
// object owns it: asio's socket::release(), the way to take a socket from asio, fails on
// Windows before 8.1 and under wine ("release: asio.system error").
#include "tcp.h"

#include <asio.hpp>
#include <iostream>

#if !defined(_WIN32)
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace winerr {

namespace {
using asio::ip::tcp;

// "127.0.0.1:7000", "[::1]:7000", "localhost:7000", ":7000" (loopback).
bool split_host_port(const std::string& s, std::string& host, std::string& port) {
  auto colon = s.rfind(':');
  if (colon == std::string::npos) return false;
  host = s.substr(0, colon);
  port = s.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "127.0.0.1";
  return !port.empty() && port.find_first_not_of("0123456789") == std::string::npos && port.size() <= 5 &&
         std::stoul(port) <= 65535;
}

#if defined(_WIN32)
using Native = SOCKET;
constexpr Native kNone = INVALID_SOCKET;
void close_native(Native s) { ::closesocket(s); }
std::string last_error() { return std::system_category().message(::WSAGetLastError()); }
#else
using Native = int;
constexpr Native kNone = -1;
void close_native(Native s) { ::close(s); }
std::string last_error() { return std::system_category().message(errno); }
#endif

// The socket as the int the server takes (a Windows SOCKET fits in 32 bits by design), with
// Nagle off: an LSP reply is one small write the client is waiting for.
int adopt(Native s) {
  int one = 1;
  ::setsockopt(s, IPPROTO_TCP, TCP_NODELAY, reinterpret_cast<const char*>(&one), sizeof one);
  return static_cast<int>(s);
}
}  // namespace

TcpResult tcp_listen_one(const std::string& host_port, bool allow_remote) {
  std::string host, port;
  if (!split_host_port(host_port, host, port))
    return {-1, "--listen wants HOST:PORT (e.g. 127.0.0.1:0), not '" + host_port + "'"};
  try {
    asio::io_context io;
    tcp::resolver resolver(io);
    asio::error_code ec;
    auto results = resolver.resolve(host, port, tcp::resolver::numeric_service, ec);
    if (ec || results.empty()) return {-1, "--listen: cannot resolve '" + host + "': " + ec.message()};
    tcp::endpoint ep = results.begin()->endpoint();
    if (!ep.address().is_loopback()) {
      if (!allow_remote)
        return {-1, "--listen " + host_port + " is not a loopback address; an LSP session is unencrypted and "
                    "unauthenticated, so listening beyond this machine needs --allow-remote"};
      std::cerr << "winerr-ls: warning: listening on a non-loopback address (" << ep.address().to_string()
                << "): anyone who can reach it can read the documents you open\n";
    }
    tcp::acceptor acceptor(io);
    acceptor.open(ep.protocol());
    acceptor.set_option(tcp::acceptor::reuse_address(true));
    acceptor.bind(ep, ec);
    if (ec) return {-1, "--listen " + host_port + ": " + ec.message()};
    acceptor.listen(1);
    auto local = acceptor.local_endpoint();
    const std::string shown = local.address().is_v6() ? "[" + local.address().to_string() + "]" : local.address().to_string();
    std::cerr << "listening on " << shown << ":" << local.port() << std::endl;
    Native client = ::accept(acceptor.native_handle(), nullptr, nullptr);
    if (client == kNone) return {-1, "--listen: accept failed: " + last_error()};
    acceptor.close();  // one client: the next connection attempt is refused
    return {adopt(client), ""};
  } catch (const std::exception& e) {
    return {-1, std::string("--listen ") + host_port + ": " + e.what()};
  }
}

TcpResult tcp_connect_loopback(const std::string& port) {
  std::string host, p;
  if (!split_host_port("127.0.0.1:" + port, host, p)) return {-1, "--socket/--port wants a port number, not '" + port + "'"};
  try {
    asio::io_context io;  // on Windows its construction has started Winsock (WSAStartup)
    Native s = ::socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s == kNone) return {-1, "cannot make a socket: " + last_error()};
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<unsigned short>(std::stoul(p)));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(s, reinterpret_cast<const sockaddr*>(&to), sizeof to) != 0) {
      std::string why = last_error();
      close_native(s);
      return {-1, "cannot connect to 127.0.0.1:" + p + ": " + why};
    }
    return {adopt(s), ""};
  } catch (const std::exception& e) {
    return {-1, std::string("--socket ") + port + ": " + e.what()};
  }
}

}  // namespace winerr
