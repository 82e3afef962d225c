// outbox.h — the server's outgoing frames, between the worker (which queues them) and the
// writer thread (which drains them to the client).
//
// Bounded, so a client that stops reading cannot make us pile up replies without end:
//  - a newer publishDiagnostics for a document replaces the queued, unsent one (only the
//    latest list per document means anything);
//  - past kMaxQueuedBytes the worker waits for the writer: responses are never dropped, as
//    every request is answered exactly once;
//  - when the client is gone (the write fails) everything queued is dropped and push()
//    returns false from then on, so the session can end instead of spinning.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

namespace winerr {

class Outbox {
 public:
  static constexpr std::size_t kMaxQueuedBytes = std::size_t{64} << 20;

  explicit Outbox(std::size_t max_bytes = kMaxQueuedBytes) : max_bytes_(max_bytes) {}

  // Queues a frame. `diagnostics_uri` set: a publishDiagnostics for that document, which a
  // later one for the same document supersedes. Blocks while the queue is full. False once
  // the client is gone.
  bool push(std::string frame, std::optional<std::string> diagnostics_uri = std::nullopt);
  // Writer side: the next frame, or nullopt after close() once the queue is empty.
  std::optional<std::string> pop();
  // The writer could not write: the client is gone.
  void client_gone();
  // No more frames will be pushed; pop() drains what is left and then returns nullopt.
  void close();

  bool gone() const;
  std::size_t queued_bytes() const;
  std::size_t superseded() const;  // diagnostics dropped because a newer list replaced them
  std::size_t full_waits() const;  // times push() had to wait for the client to read

 private:
  struct Item {
    std::string frame;
    std::optional<std::string> diagnostics_uri;
  };
  mutable std::mutex m_;
  std::condition_variable cv_;
  std::deque<Item> q_;
  std::size_t bytes_ = 0;
  std::size_t max_bytes_;
  std::size_t superseded_ = 0;
  std::size_t full_waits_ = 0;
  bool closed_ = false;
  bool gone_ = false;
};

}  // namespace winerr
