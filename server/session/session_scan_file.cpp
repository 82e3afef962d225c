// session_scan_file.cpp — see session.h: winerr.scanFile, for a log the editor will not send
// (VS Code hands no extension a file over 50 MB). Arguments: the file's URI, as a string or
// {"uri": …, "follow": true|false}. The file is read on the files thread, in pieces
// (features/file_scan.h); its diagnostics are published for that URI, and the answer says what
// was read: {"uri", "bytes", "lines", "diagnostics", "following"}. With follow: true the file is
// looked at again every second and what was appended is scanned and published, until the
// command comes again for it (follow: false only stops, answered {"uri", "following": false}),
// or the file is opened or closed in the editor. Errors (not a file: URI, missing, not a
// regular file, over the size limit, unreadable) come back as the request's error, in words.
#include "platform/platform.h"
#include "platform/uri.h"
#include "session.h"

namespace winerr {

namespace {
// Far above any log a person reads; below what a mistaken path to a disk image would take.
constexpr std::uint64_t kMaxScanFileBytes = std::uint64_t{16} << 30;
}  // namespace

json Session::scan_file_command(const json& p) {
  const json* args = p.contains("arguments") && p["arguments"].is_array() && !p["arguments"].empty() ? &p["arguments"][0] : nullptr;
  const json* u = !args ? nullptr : args->is_string() ? args : args->is_object() && args->contains("uri") ? &(*args)["uri"] : nullptr;
  if (!u || !u->is_string())
    throw rpc::Error(rpc::kInvalidParams, "winerr.scanFile takes one argument: the file's URI (or {\"uri\": URI, \"follow\": true})");
  const json* follow = args->is_object() && args->contains("follow") ? &(*args)["follow"] : nullptr;
  if (follow && !follow->is_boolean()) throw rpc::Error(rpc::kInvalidParams, "winerr.scanFile: follow must be true or false");
  const bool keep_following = follow && follow->get<bool>();
  const std::string uri = u->get<std::string>();
  follows_.erase(uri);  // a new command for the file replaces what was followed
  if (follow && !keep_following) return {{"uri", uri}, {"following", false}};
  const auto path = uri.rfind("file:", 0) == 0 ? platform::uri_to_path(uri) : std::nullopt;
  if (!path) throw rpc::Error(rpc::kInvalidParams, "winerr.scanFile reads local files only, not " + uri);
  if (docs_.count(uri))
    throw rpc::Error(rpc::kInvalidParams, uri + " is open in the editor: its diagnostics come from the editor's text");
  Folder& f = workspace_.folder_for(uri);
  // Copies: the folder's settings may change while the files thread reads.
  FileRead read{std::make_shared<FileScanner>(platform::path_from_utf8(*path), "log", enc_, kMaxScanFileBytes), f.catalog, f.settings,
                f.policy, ++file_reads_};
  if (keep_following) follows_[uri] = read;
  look_at_file(uri, read, /*once=*/!keep_following, current_id_);
  throw Deferred{};
}

void Session::look_at_file(const std::string& uri, const FileRead& read, bool once, json reply_to) {
  const bool first = !reply_to.is_null();
  io_.background([this, uri, read, once, first, reply_to]() -> std::function<void()> {
    bool grew = false;
    // A followed log may still be writing its last line: that line waits for its line break.
    auto error = read.scanner->read(*read.catalog, /*last_line_too=*/once, &grew);
    json diagnostics = error || !(grew || first) ? json() : file_diagnostics(read.scanner->scan(), "log", read.settings, read.policy);
    const std::uint64_t bytes = read.scanner->scan().bytes, lines = read.scanner->scan().lines;
    // On the worker: is it still followed by this command? follow: false, another scanFile, or
    // the file opened or closed in the editor end it.
    return [this, uri, generation = read.generation, once, first, reply_to, error, grew, diagnostics = std::move(diagnostics), bytes,
            lines]() mutable {
      auto it = follows_.find(uri);
      const bool followed = !once && it != follows_.end() && it->second.generation == generation;
      const std::string shown = platform::uri_to_path(uri).value_or(uri);
      if (error) {
        if (first) send(rpc::error_response(reply_to, rpc::kInvalidParams, "winerr.scanFile: " + shown + ": " + *error));
        else if (followed) show_message(2, "winerr-ls: stopped following " + shown + ": " + *error);
        if (followed) follows_.erase(it);
        return;
      }
      if (!first && !followed) return;  // stopped meanwhile: nothing more to say
      const std::size_t n = diagnostics.is_array() ? diagnostics.size() : 0;
      // Pushed even to a client that pulls: the file is not open, so no pull asks for it.
      if (grew || first)
        send(rpc::notification("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", std::move(diagnostics)}}), uri);
      scanned_files_.insert(uri);
      if (first) send(rpc::response(reply_to, {{"uri", uri}, {"bytes", bytes}, {"lines", lines}, {"diagnostics", n}, {"following", followed}}));
      if (followed)
        io_.later(kFollowEvery, [this, uri, generation] {
          auto again = follows_.find(uri);
          if (again != follows_.end() && again->second.generation == generation) look_at_file(uri, again->second, false, nullptr);
        });
    };
  });
}

}  // namespace winerr
