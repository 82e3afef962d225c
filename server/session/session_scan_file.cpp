// session_scan_file.cpp — see session.h: winerr.scanFile, for a log the editor will not send
// (VS Code hands no extension a file over 50 MB). Arguments: the file's URI, as a string or
// {"uri": …}. The file is scanned on the files thread, in pieces (features/file_scan.h); its
// diagnostics are published for that URI, and the answer says what was read:
// {"uri", "bytes", "lines", "diagnostics"}. Errors (not a file: URI, missing, not a regular
// file, over the size limit, unreadable) come back as the request's error, in words.
#include "features/file_scan.h"
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
    throw rpc::Error(rpc::kInvalidParams, "winerr.scanFile takes one argument: the file's URI (or {\"uri\": URI})");
  if (args->is_object() && args->value("follow", false))
    throw rpc::Error(rpc::kInvalidParams, "winerr.scanFile: follow is not supported yet; scan again to see what was appended");
  const std::string uri = u->get<std::string>();
  const auto path = uri.rfind("file:", 0) == 0 ? platform::uri_to_path(uri) : std::nullopt;
  if (!path) throw rpc::Error(rpc::kInvalidParams, "winerr.scanFile reads local files only, not " + uri);
  if (docs_.count(uri))
    throw rpc::Error(rpc::kInvalidParams, uri + " is open in the editor: its diagnostics come from the editor's text");
  Folder& f = workspace_.folder_for(uri);
  // Copies for the files thread: the folder's settings may change while it reads.
  auto catalog = f.catalog;
  const Settings settings = f.settings;
  const Policy policy = f.policy;
  const PositionEncoding enc = enc_;
  const json id = current_id_;
  const std::string file = *path;
  io_.background([this, catalog, settings, policy, enc, id, uri, file]() -> std::function<void()> {
    FileScan scan;
    auto error = scan_file(platform::path_from_utf8(file), "log", *catalog, enc, kMaxScanFileBytes, scan);
    json diagnostics = error ? json() : file_diagnostics(scan, "log", settings, policy);
    return [this, id, uri, file, error, diagnostics = std::move(diagnostics), bytes = scan.bytes, lines = scan.lines]() mutable {
      if (error) {
        send(rpc::error_response(id, rpc::kInvalidParams, "winerr.scanFile: " + file + ": " + *error));
        return;
      }
      const std::size_t n = diagnostics.size();
      // Pushed even to a client that pulls: the file is not open, so no pull asks for it.
      send(rpc::notification("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", std::move(diagnostics)}}), uri);
      scanned_files_.insert(uri);
      send(rpc::response(id, {{"uri", uri}, {"bytes", bytes}, {"lines", lines}, {"diagnostics", n}}));
    };
  });
  throw Deferred{};
}

}  // namespace winerr
