// session.h — one LSP session's state and its handlers, apart from the event loop that feeds
// it (server.cpp: threads, queues, cancellation, output). Single-threaded: the worker thread
// calls every member. What it needs from outside, it asks of SessionIo.
//
// Files: session.cpp (dispatch, the method table, lifecycle, settings, feature requests),
// session_documents.cpp (open/change/close, whole-document scans, publishing).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalog.h"
#include "document.h"
#include "features/features.h"
#include "jsonrpc.h"
#include "settings.h"
#include "workspace.h"
#include "features/file_scan.h"

namespace winerr {

using rpc::json;

// A whole-document scan, run off the worker on an immutable snapshot.
struct ScanJob {
  std::string uri;
  std::int64_t version;
  std::shared_ptr<const std::string> text;
  std::shared_ptr<const Catalog> catalog;
};
struct ScanDone {
  std::string uri;
  std::shared_ptr<const std::string> text;  // the snapshot scanned: identity, not version,
                                            // says whether the document is still that text
  ScanResult result;  // the verdicts and profile, resolved by the document
  std::shared_ptr<const Catalog> catalog;
};

struct SessionIo {
  // Queue a message for the client; `diagnostics_uri` marks a publishDiagnostics that a newer
  // one for the same document may replace while unsent.
  std::function<void(const json&, std::optional<std::string> diagnostics_uri)> send;
  std::function<void(ScanJob)> scan;              // run it, then call scan_done
  std::function<void(long long pid)> watch_process;  // end the session when it dies
  std::function<void(const std::string&)> log;    // stderr
  std::function<void(CatalogLoad)> load_catalog;  // read it off the worker, then call catalog_loaded
  // Runs `job` on a thread of its own (reading a big file); what it returns then runs on the
  // worker, in turn with the messages.
  std::function<void(std::function<std::function<void()>()> job)> background;
  // Runs `fn` on the worker once `in` has passed.
  std::function<void(std::chrono::milliseconds in, std::function<void()> fn)> later;
};

class Session {
 public:
  Session(Settings settings, SessionIo io);

  // Handles one message (never a $/cancelRequest: the reader takes those). Returns the
  // process exit code once the client sent `exit`.
  std::optional<int> handle(rpc::Message& m);
  void scan_done(ScanDone d);
  void catalog_loaded(CatalogLoaded loaded);  // a team catalog read on the loader thread
  // The worker has nothing to do: a moment for housekeeping.
  void idle();

 private:
  // Params are the message's own: a handler may move a large string (a didOpen text) out.
  using Handler = json (Session::*)(json&);
  static const std::map<std::string, Handler>& methods();
  void dispatch(rpc::Message& m, Handler h);

  // lifecycle, settings (session.cpp)
  json initialize(json& p);
  json initialized(json&);
  json shutdown(json&);
  json workspace_didChangeConfiguration(json& p);
  json workspace_didChangeWatchedFiles(json& p);
  json workspace_didChangeWorkspaceFolders(json& p);
  // Asks the client for each folder's "winerr" settings (workspace/configuration).
  void pull_settings();
  // Acts on what the workspace says moved: rescans (catalog) or republishes (settings) the
  // folder's documents, and asks the client to refresh its inlay hints.
  void apply_workspace_changes();
  // A server -> client request; `on_result` gets the result (null on an error response).
  void request(const std::string& method, json params, std::function<void(const json&)> on_result = {});
  void show_message(int type, const std::string& text);
  void warn(const std::string& text);  // stderr and window/logMessage
  void send(const json& j, std::optional<std::string> diagnostics_uri = std::nullopt) { io_.send(j, std::move(diagnostics_uri)); }

  // documents (session_documents.cpp)
  json textDocument_didOpen(json& p);
  json textDocument_didChange(json& p);
  json textDocument_didClose(json& p);
  json textDocument_didSave(json& p);
  void open_document(const std::string& uri, std::int64_t version, std::string text, std::string language);
  void start_full_scan(Document& doc);
  // Push: a publishDiagnostics. Pull (the client said textDocument.diagnostic): a new resultId,
  // the answer to any pull that waited for the scan, and a refresh request unless the client
  // is about to ask anyway (`client_asks`: after its own edit).
  void publish(const Document& doc, bool client_asks = false);
  json textDocument_diagnostic(json& p);
  json workspace_diagnostic(json& p);
  json pull_report(const Document& doc, const std::string& previous_result_id);
  // $/progress for a whole-document scan of kProgressBytes or more (a smaller one is done
  // before a progress bar would be drawn): begun once the client created the token, ended
  // when the scan publishes or the document closes.
  static constexpr std::size_t kProgressBytes = std::size_t{4} << 20;
  void begin_scan_progress(const Document& doc);
  void end_scan_progress(const std::string& uri, const std::string& message);
  const Document& doc_for(const json& p) const;
  Folder& folder_of(const Document& doc) { return workspace_.folder_for(doc.uri()); }
  const Catalog& catalog_of(const Document& doc) { return *folder_of(doc).catalog; }

  // features (session.cpp; each feature's logic is in features/)
  json textDocument_hover(json& p);
  json textDocument_inlayHint(json& p);
  json textDocument_codeAction(json& p);
  json workspace_executeCommand(json& p);
  json textDocument_documentSymbol(json& p);
  json textDocument_documentLink(json& p);
  json textDocument_documentHighlight(json& p);
  json textDocument_references(json& p);
  json textDocument_completion(json& p);
  json textDocument_codeLens(json& p);
  json show_outline(const json& p);
  json scan_file_command(const json& p);  // winerr.scanFile (session_scan_file.cpp)
  std::set<std::string> scanned_files_;   // URIs whose diagnostics came from winerr.scanFile
  // A file read for winerr.scanFile: its scanner (used by one look at a time, on the files
  // thread) and copies of what its folder had when the command came.
  struct FileRead {
    std::shared_ptr<FileScanner> scanner;
    std::shared_ptr<const Catalog> catalog;
    Settings settings;
    Policy policy;
    std::uint64_t generation = 0;  // which command it belongs to
  };
  // The files followed (follow: true), looked at again kFollowEvery after each look.
  static constexpr std::chrono::milliseconds kFollowEvery{1000};
  std::map<std::string, FileRead> follows_;
  std::uint64_t file_reads_ = 0;
  // One look at the file; `once`: the whole file, not followed; `reply_to`: the command's id
  // (the first look answers it).
  void look_at_file(const std::string& uri, const FileRead& read, bool once, json reply_to);
  void refresh_code_lenses();  // the summaries moved: ask the client to ask again, if it can
  json workspace_symbol(json& p);
  json textDocument_semanticTokens_full(json& p);
  json textDocument_semanticTokens_full_delta(json& p);
  json textDocument_semanticTokens_range(json& p);
  // Does the document get semantic tokens (a log, not excluded)?
  bool gets_semantic_tokens(const Document& doc);
  // The tokens of the bytes [begin, end) of a document whose findings are ready, as the client
  // gets them; none when it gets no tokens.
  std::optional<std::vector<std::uint32_t>> semantic_data(const Document& doc, std::size_t begin, std::size_t end);
  // A full result, remembered as the document's last one for full/delta.
  json semantic_full(const Document& doc, std::optional<std::vector<std::uint32_t>> data);
  // The full/delta answer: the difference to `previous` if it is the last result sent.
  json semantic_delta(const Document& doc, const std::string& previous);
  void refresh_semantic_tokens();  // the settings moved: ask the client to ask again, if it can

  SessionIo io_;
  Workspace workspace_;
  PositionEncoding enc_ = PositionEncoding::Utf16;
  ClientCaps caps_;
  bool initialized_ = false;
  bool shutdown_ = false;
  std::unordered_map<std::string, Document> docs_;
  // uri -> when it was opened (a count): workspace/symbol lists documents in the order the user
  // opened them, which an unordered map does not keep.
  std::unordered_map<std::string, std::uint64_t> opened_at_;
  std::uint64_t opens_ = 0;
  std::unordered_map<std::string, bool> scan_pending_;  // uri -> "changed while scanning"
  // uri -> the last full semantic tokens result sent: its resultId and its integers, which a
  // full/delta request names as its previousResultId and gets the difference to. Dropped with
  // the document. resultIds count up across the session, so a reopened document's old id never
  // matches its new text.
  struct SemanticResult {
    std::string id;
    std::vector<std::uint32_t> data;
  };
  std::unordered_map<std::string, SemanticResult> semantic_results_;
  std::uint64_t semantic_ids_ = 0;
  bool semantic_refresh_pending_ = false;  // a workspace/semanticTokens/refresh is unanswered
  std::set<std::string> unknown_told_;  // changed-but-never-opened documents we warned about
  std::size_t closed_bytes_ = 0;        // closed since memory was last handed back
  std::size_t requests_sent_ = 0;       // server -> client requests
  std::map<std::string, std::function<void(const json&)>> pending_;  // their ids -> what to do with the answer
  bool lens_refresh_pending_ = false;  // a workspace/codeLens/refresh is unanswered
  // Pull diagnostics: each document's current resultId (a new one whenever what it shows may
  // have changed), and the pulls that came before its first scan ended, answered when it does.
  std::unordered_map<std::string, std::string> result_ids_;
  std::uint64_t results_ = 0;
  // Requests about a document whose scan has not ended (an outline, links, a lens, a pull):
  // answered once it ends, from its findings; with `if_closed` when it closes first.
  struct Waiting {
    json id;
    std::function<json(const Document&)> answer;
    json if_closed;
    bool pull = false;  // a textDocument/diagnostic: its answer makes a refresh needless
  };
  std::unordered_map<std::string, std::vector<Waiting>> waiting_;
  // Keeps the request being handled to be answered when `doc`'s scan ends; throws Deferred.
  [[noreturn]] void answer_after_scan(const Document& doc, std::function<json(const Document&)> answer, json if_closed,
                                      bool pull = false);
  // Answers what waited for `doc`'s scan; whether a pull was among them.
  bool answer_waiting(const Document& doc);
  bool diagnostic_refresh_pending_ = false;
  struct ScanProgress {
    std::string token;
    bool created = false;  // the client answered window/workDoneProgress/create
    bool done = false;     // the scan ended before that answer came
  };
  std::unordered_map<std::string, ScanProgress> progress_;  // uri -> its scan's progress
  std::uint64_t progress_tokens_ = 0;
  json current_id_;  // the id of the request being handled (a pull may answer it later)
 public:
  // Thrown by a handler that will answer its request later (dispatch then sends nothing).
  struct Deferred {};
};

}  // namespace winerr
