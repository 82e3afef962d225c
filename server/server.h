// server.h — the language server: lifecycle, the method table, documents, and its threads.
//
// Threads (and why):
//  - reader: reads stdin, decodes frames, parses JSON. Handles $/cancelRequest itself so a
//    cancel is seen even while the worker is busy. Never waits on handlers or output.
//  - worker: runs every handler in arrival order (so a hover sees the edits sent before it).
//    Handlers are cheap: edits rescan only the touched lines; hover scans one line.
//  - scanner: the one expensive job, a whole-document scan after didOpen or a full
//    replacement, runs here on an immutable snapshot; its result comes back to the worker
//    as a message and is dropped if the document moved on meanwhile.
//  - files: reads and scans a file on disk for winerr.scanFile (a log too big for the editor
//    to send), then hands its diagnostics to the worker.
//  - loader: reads a team catalog (catalogPath) and hands it to the worker; documents of
//    that folder wait for it, every other request is answered meanwhile.
//  - writer: drains the outgoing queue to stdout, so a client that is slow to read can
//    never stop the reader (no deadlock when both sides write megabytes).
// Logs go to stderr only; stdout carries nothing but frames.
#pragma once

#include <memory>
#include <string>

#include "settings.h"

namespace winerr {

struct ServerOptions {
  int in_fd = 0;
  int out_fd = 1;
  bool socket = false;         // in_fd/out_fd are one connected socket (--listen, --socket)
  Settings settings;           // from the command line; initializationOptions may override
  std::size_t max_frame = 0;   // 0: the default cap
  // The process is the server's own (main.cpp): when the session ends while a scan or file
  // read still runs, it may end the process after a 50 ms grace instead of waiting for the
  // job. Off for a session run inside another program (the tests): that waits for the job.
  bool own_process = false;
};

// Runs a session until `exit` or end of input. Returns the process exit code: 0 after
// shutdown + exit, 1 otherwise (exit without shutdown, or input ended).
int run_server(const ServerOptions& options);

}  // namespace winerr
