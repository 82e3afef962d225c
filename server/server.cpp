// server.cpp — see server.h: the event loop. Threads, queues, cancellation and output live
// here; what a message means is the Session's business (session/session.h).
#include "server.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <variant>

#include "framing.h"
#include "json_input.h"
#include "jsonrpc.h"
#include "outbox.h"
#include "platform/platform.h"
#include "session/session.h"

namespace winerr {

namespace {

// A thread-safe FIFO.
template <class T>
class Queue {
 public:
  void push(T v) {
    { std::lock_guard l(m_); q_.push_back(std::move(v)); }
    cv_.notify_one();
  }
  T pop() {
    std::unique_lock l(m_);
    cv_.wait(l, [&] { return !q_.empty(); });
    T v = std::move(q_.front());
    q_.pop_front();
    return v;
  }
  bool empty() {
    std::lock_guard l(m_);
    return q_.empty();
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<T> q_;
};

void log(const std::string& s) { std::cerr << "winerr-ls: " << s << std::endl; }

// The session must end: input ended, the client stopped reading, the editor died, SIGTERM.
struct SessionOver {
  std::string why;
  int exit_code = 1;
};
struct Incoming {
  rpc::Message msg;
};
struct Continuation {
  std::function<void()> run;  // what a background job left for the worker
};
using WorkItem = std::variant<Incoming, ScanDone, CatalogLoaded, Continuation, SessionOver>;
using BackgroundJob = std::function<std::function<void()>()>;

class EventLoop {
 public:
  explicit EventLoop(const ServerOptions& o)
      : opts_(o),
        session_(o.settings, SessionIo{[this](const json& j, std::optional<std::string> uri) { send(j, std::move(uri)); },
                                       [this](ScanJob job) { scan_jobs_.push(std::move(job)); },
                                       [this](long long pid) { start_watch(pid); }, log,
                                       [this](CatalogLoad job) { load_jobs_.push(std::move(job)); },
                                       [this](BackgroundJob job) { file_jobs_.push(std::move(job)); },
                                       [this](std::chrono::milliseconds in, std::function<void()> fn) { later(in, std::move(fn)); }}) {}

  int run() {
    std::thread writer([this] { write_loop(); });
    // The threads that may be in the middle of a long job when the session ends.
    auto counted = [this](void (EventLoop::*loop)()) {
      return std::thread([this, loop] {
        (this->*loop)();
        --busy_threads_;
      });
    };
    std::thread scanner = counted(&EventLoop::scan_loop);
    std::thread loader = counted(&EventLoop::load_loop);
    std::thread files = counted(&EventLoop::file_loop);
    std::thread timer([this] { timer_loop(); });
    std::thread reader([this] { read_loop(); });
    int code = work_loop();
    // The reader may be blocked waiting for input that never comes: wake it, then join.
    input_.interrupt();
    reader.join();
    stop_watch();
    scan_jobs_.push(std::nullopt);
    load_jobs_.push(std::nullopt);
    file_jobs_.push(std::nullopt);
    {
      std::lock_guard l(timer_mutex_);
      timer_stop_ = true;
    }
    timer_cv_.notify_all();
    timer.join();
    // A scan of a huge document or a file read may still run, and no one is left to answer:
    // in its own process, wait for it a little, then leave without it (EOF, exit or SIGTERM
    // end the process within 100 ms, as the README says). Everything already said is sent first.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(50);
    while (opts_.own_process && busy_threads_ > 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (opts_.own_process && busy_threads_ > 0) {
      out_.close();
      writer.join();
      std::fflush(stderr);
      std::_Exit(code);
    }
    scanner.join();
    loader.join();
    files.join();
    out_.close();
    writer.join();
    return code;
  }

 private:
  // reader: frames -> JSON -> messages. Takes $/cancelRequest itself, so a cancel is seen
  // while the worker is busy.
  void read_loop() {
    FrameDecoder dec(opts_.max_frame ? opts_.max_frame : kDefaultMaxFrame);
    // As much as a pipe holds (F_SETPIPE_SZ, platform_posix.cpp). Not zero-filled: a
    // std::vector would touch all 256 pages at startup; read() touches only what it fills.
    constexpr std::size_t kReadBytes = std::size_t{1} << 20;
    const std::unique_ptr<char[]> buf(new char[kReadBytes]);
    for (;;) {
      long n = input_.read(buf.get(), kReadBytes);
      if (n == platform::InputStream::kInterrupted) return;
      if (n == platform::InputStream::kTerminated) {
        work_.push(SessionOver{"asked to stop (SIGTERM; on Windows Ctrl+C, Ctrl+Break or the console closing)", 0});
        return;
      }
      if (n <= 0) break;
      dec.feed(std::string_view(buf.get(), static_cast<std::size_t>(n)));
      for (;;) {
        auto r = dec.next();
        if (r.status == FrameDecoder::Status::NeedMore) break;
        if (r.status == FrameDecoder::Status::Error) { warn("bad frame: " + r.error); continue; }
        rpc::ParsedBody parsed = rpc::parse_body(std::move(r.body));
        if (!parsed.error.empty()) {
          send(rpc::error_response(nullptr, rpc::kParseError, parsed.error));
          continue;
        }
        if (parsed.repaired > 0)
          warn("a message held " + std::to_string(parsed.repaired) + " invalid UTF-8 sequence(s) or lone surrogate(s); read as U+FFFD");
        rpc::Message m = rpc::classify(std::move(parsed.value));
        if (m.kind == rpc::Message::Kind::Notification && m.method == "$/cancelRequest") {
          note_cancel(m.params);
          continue;
        }
        work_.push(Incoming{std::move(m)});
      }
    }
    work_.push(SessionOver{"input ended without exit"});
  }

  void note_cancel(const json& params) {
    // The spec's id is an integer or a string; anything else cannot name a request of ours.
    if (!params.is_object() || !params.contains("id")) return;
    const json& id = params["id"];
    if (!id.is_number_integer() && !id.is_string()) {
      warn("$/cancelRequest: id must be an integer or a string; ignored");
      return;
    }
    std::lock_guard l(cancel_mutex_);
    if (cancelled_.size() > 10000) cancelled_.clear();  // ids of long-finished requests
    cancelled_.insert(id.dump());
  }
  bool take_cancel(const json& id) {
    std::lock_guard l(cancel_mutex_);
    return cancelled_.erase(id.dump()) > 0;
  }

  // worker: every message in arrival order, so a hover sees the edits sent before it.
  int work_loop() {
    for (;;) {
      if (work_.empty()) session_.idle();
      WorkItem item = work_.pop();
      if (auto* over = std::get_if<SessionOver>(&item)) {
        log(over->why);
        return over->exit_code;
      }
      if (auto* d = std::get_if<ScanDone>(&item)) { session_.scan_done(std::move(*d)); continue; }
      if (auto* c = std::get_if<CatalogLoaded>(&item)) { session_.catalog_loaded(std::move(*c)); continue; }
      if (auto* k = std::get_if<Continuation>(&item)) { k->run(); continue; }
      rpc::Message& m = std::get<Incoming>(item).msg;
      if (m.kind == rpc::Message::Kind::Request && take_cancel(m.id)) {
        send(rpc::error_response(m.id, rpc::kRequestCancelled, "request cancelled"));
        continue;
      }
      if (auto code = session_.handle(m)) return *code;
    }
  }

  // scanner: the one expensive job, a whole-document scan, on an immutable snapshot.
  void scan_loop() {
    for (;;) {
      auto job = scan_jobs_.pop();
      if (!job) return;
      work_.push(ScanDone{job->uri, job->text, scan_verdicts(*job->text, *job->catalog), job->catalog});
    }
  }

  // loader: team catalogs (up to 8 MB of JSON, maybe on a slow share), so that reading one
  // holds up neither the requests on the worker nor a big scan on the scanner.
  void load_loop() {
    for (;;) {
      auto job = load_jobs_.pop();
      if (!job) return;
      work_.push(load_catalog_now(*job));
    }
  }

  // files: reads and scans files on disk (winerr.scanFile), which may take seconds.
  void file_loop() {
    for (;;) {
      auto job = file_jobs_.pop();
      if (!job) return;
      work_.push(Continuation{(*job)()});
    }
  }

  // timer: what the session asked to run later (a followed log's next look), handed to the
  // worker when its time comes.
  void later(std::chrono::milliseconds in, std::function<void()> fn) {
    {
      std::lock_guard l(timer_mutex_);
      timers_.emplace(std::chrono::steady_clock::now() + in, std::move(fn));
    }
    timer_cv_.notify_all();
  }
  void timer_loop() {
    std::unique_lock l(timer_mutex_);
    while (!timer_stop_) {
      if (timers_.empty()) {
        timer_cv_.wait(l);
        continue;
      }
      auto first = timers_.begin();
      if (first->first > std::chrono::steady_clock::now()) {
        timer_cv_.wait_until(l, first->first);
        continue;
      }
      work_.push(Continuation{std::move(first->second)});
      timers_.erase(first);
    }
  }

  // writer: drains the outbox, so a client slow to read never stops the reader.
  void write_loop() {
    for (;;) {
      auto s = out_.pop();
      if (!s) return;
      if (!platform::write_all(opts_.out_fd, *s, stream_kind())) {
        // The client closed its end: nobody will read what we say, so end the session.
        out_.client_gone();
        work_.push(SessionOver{"the client closed the server's output"});
        return;
      }
    }
  }

  // What the reader saw wrong in the input: stderr and the client's log (window/logMessage).
  void warn(const std::string& s) {
    log(s);
    send(rpc::notification("window/logMessage", {{"type", 2}, {"message", "winerr-ls: " + s}}));
  }

  void send(const json& j, std::optional<std::string> diagnostics_uri = std::nullopt) {
    out_.push(encode_frame(rpc::dump(j)), std::move(diagnostics_uri));
    if (!told_full_ && out_.full_waits() > 0) {
      told_full_ = true;
      log("the client is not reading its input; replies wait, and only the newest diagnostics of each document are kept");
    }
  }

  // initialize.processId: when the editor dies without telling us, end the session (checked
  // every 500 ms, well within the 2 s a user would notice).
  void start_watch(long long pid) {
    watch_ = std::thread([this, pid] {
      std::unique_lock l(watch_mutex_);
      while (!watch_stop_) {
        if (!platform::process_alive(pid)) {
          work_.push(SessionOver{"the editor process " + std::to_string(pid) + " is gone"});
          return;
        }
        watch_cv_.wait_for(l, std::chrono::milliseconds(500));
      }
    });
  }
  void stop_watch() {
    {
      std::lock_guard l(watch_mutex_);
      watch_stop_ = true;
    }
    watch_cv_.notify_all();
    if (watch_.joinable()) watch_.join();
  }

  platform::StreamKind stream_kind() const { return opts_.socket ? platform::StreamKind::Socket : platform::StreamKind::Pipe; }

  ServerOptions opts_;
  platform::InputStream input_{opts_.in_fd, stream_kind()};
  Session session_;
  Queue<WorkItem> work_;
  Queue<std::optional<ScanJob>> scan_jobs_;
  Queue<std::optional<CatalogLoad>> load_jobs_;
  Queue<std::optional<BackgroundJob>> file_jobs_;
  std::mutex timer_mutex_;
  std::condition_variable timer_cv_;
  std::multimap<std::chrono::steady_clock::time_point, std::function<void()>> timers_;
  bool timer_stop_ = false;
  Outbox out_;
  std::atomic<bool> told_full_{false};
  std::mutex cancel_mutex_;
  std::set<std::string> cancelled_;
  std::thread watch_;
  std::atomic<int> busy_threads_{3};  // scanner, loader, files: running until their loop ends
  std::mutex watch_mutex_;
  std::condition_variable watch_cv_;
  bool watch_stop_ = false;
};

}  // namespace

int run_server(const ServerOptions& options) {
  EventLoop loop(options);
  return loop.run();
}

}  // namespace winerr
