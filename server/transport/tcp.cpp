// tcp.cpp — see tcp.h. asio (standalone, header-only) does the address parsing, binding,
// accepting and connecting portably; the session then reads and writes the native socket.
#include "tcp.h"

#include <asio.hpp>
#include <iostream>

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

int release(tcp::socket& s) {
#if defined(_WIN32)
  return static_cast<int>(s.release());
#else
  return s.release();
#endif
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
    tcp::socket socket(io);
    acceptor.accept(socket, ec);
    if (ec) return {-1, "--listen: accept failed: " + ec.message()};
    acceptor.close();  // one client: the next connection attempt is refused
    socket.set_option(tcp::no_delay(true));
    return {release(socket), ""};
  } catch (const std::exception& e) {
    return {-1, std::string("--listen ") + host_port + ": " + e.what()};
  }
}

TcpResult tcp_connect_loopback(const std::string& port) {
  std::string host, p;
  if (!split_host_port("127.0.0.1:" + port, host, p)) return {-1, "--socket/--port wants a port number, not '" + port + "'"};
  try {
    asio::io_context io;
    tcp::socket socket(io);
    asio::error_code ec;
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(std::stoul(p))), ec);
    if (ec) return {-1, "cannot connect to 127.0.0.1:" + p + ": " + ec.message()};
    socket.set_option(tcp::no_delay(true));
    return {release(socket), ""};
  } catch (const std::exception& e) {
    return {-1, std::string("--socket ") + port + ": " + e.what()};
  }
}

}  // namespace winerr
