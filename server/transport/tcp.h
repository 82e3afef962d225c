// tcp.h — the TCP transports, for clients that cannot spawn a stdio server:
//  - listen: `--listen HOST:PORT` serves ONE client that connects to us. Loopback only unless
//    the user says --allow-remote: an LSP session carries the user's files unencrypted and
//    unauthenticated, so it must not be reachable from the network by accident.
//  - connect: `--socket=PORT` / `--port=PORT`, vscode-languageclient's convention (the client
//    listens on 127.0.0.1:PORT, we connect).
// Either way the result is one connected socket, handed to the server as its in/out fd, so
// the session is the very same code as over stdio.
#pragma once

#include <string>

namespace winerr {

struct TcpResult {
  int fd = -1;        // the connected socket; -1 on error
  std::string error;  // what went wrong, for the user
};

// Binds HOST:PORT (port 0: the system picks one), prints "listening on HOST:PORT" to stderr,
// accepts one connection and stops listening (a second client is refused by the OS).
TcpResult tcp_listen_one(const std::string& host_port, bool allow_remote);
// Connects to 127.0.0.1:PORT.
TcpResult tcp_connect_loopback(const std::string& port);

}  // namespace winerr
