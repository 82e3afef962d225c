// features.h — LSP features: findings + catalog -> LSP results. Each lives in its own .cpp.
// They take a Document (text, line index, findings) and produce JSON in the LSP shape; the
// only place byte offsets become Positions is position.h.
#pragma once

#include <nlohmann/json.hpp>
#include <filesystem>
#include <functional>
#include <optional>

#include "catalog.h"
#include "document.h"
#include "settings.h"

namespace winerr {

using json = nlohmann::json;

// What the client said it can do (initialize.capabilities), as far as the features care.
struct ClientCaps {
  bool document_changes = false;  // workspace.workspaceEdit.documentChanges: versioned edits
  bool hover_markdown = true;     // textDocument.hover.contentFormat allows markdown
  bool inlay_refresh = false;     // workspace.inlayHint.refreshSupport
  bool configuration = false;     // workspace.configuration: settings can be pulled per folder
  bool watch_files = false;       // workspace.didChangeWatchedFiles.dynamicRegistration
  bool workspace_folders = false; // workspace.workspaceFolders
  bool show_document = false;     // window.showDocument.support
  bool code_lens_refresh = false; // workspace.codeLens.refreshSupport
  bool work_done_progress = false;  // window.workDoneProgress: $/progress while a big scan runs
  bool pull_diagnostics = false;  // textDocument.diagnostic: the client asks; nothing is pushed
  bool diagnostic_refresh = false;  // workspace.diagnostics.refreshSupport
  bool create_files = false;      // workspace.workspaceEdit.resourceOperations has "create"
  // textDocument.completion.completionItem.documentationFormat lists markdown (absent: plain
  // text, the one format every client shows).
  bool completion_markdown = false;
  bool semantic_refresh = false;  // workspace.semanticTokens.refreshSupport
  static ClientCaps from_initialize(const json& capabilities);
};

json to_json(Position p);
json to_json(const Document& doc, std::size_t begin, std::size_t end, PositionEncoding enc);  // a Range
Position position_from_json(const json& j);  // throws rpc::Error(-32602) when malformed
Range range_from_json(const json& j);

// diagnostics.cpp — the publishDiagnostics list for the document's findings.
// Each finding passes the settings' policy (policy.h) and the suppression comments.
class Policy;
struct Visible;
// One diagnostic's JSON; and the list of them for `shown` (most severe first, at most
// maxDiagnostics, then one line saying how many more), each made by `make`.
json diagnostic_json(const Finding& f, int severity, json range, const std::string& why);
json capped_diagnostics(std::vector<Visible> shown, const Settings& settings, const std::function<json(const Visible&)>& make);
json diagnostics(const Document& doc, const std::vector<Finding>& findings, const Settings& settings, const Policy& policy,
                 const Catalog& catalog, PositionEncoding enc);

// hover.cpp — the explanation of the code under the position (markdown, or plain text for a
// client that takes only that), or null.
// `bare_decimals`: the setting decimals: "any" (a number without context is explained too).
json hover(const Document& doc, Position pos, PositionEncoding enc, const Catalog& catalog, const ClientCaps& caps,
           bool bare_decimals = false);

// inlay_hints.cpp — the symbolic name after each numeric code in the range.
json inlay_hints(const Document& doc, Range range, PositionEncoding enc, const Catalog& catalog, const Settings& settings,
                 const Policy& policy);

// code_actions.cpp — rewrite a code as another spelling of the same number.
// `folder_root`: the document's workspace folder (empty: none), for the ignore actions.
json code_actions(const Document& doc, const json& params, const Catalog& catalog, PositionEncoding enc, const ClientCaps& caps,
                  bool bare_decimals = false, const std::filesystem::path& folder_root = {});

// ignore_actions.cpp — "Ignore 13801 on this line" (a winerr-ignore comment, scripts and
// source) and "Ignore 13801 in this workspace" (the folder's .winerr.json; not offered without
// a folder, or when the file is missing and the client cannot create files).
void add_ignore_actions(const Document& doc, const Finding& f, const std::filesystem::path& folder_root, const Catalog& catalog,
                        PositionEncoding enc, const ClientCaps& caps, const json& fixes, json& out);

// explain.cpp — "Explain 13801 (ERROR_…)": a code action whose command shows the full
// explanation. The command's argument is the code in any spelling (the action sends the name).
inline constexpr const char* kExplainCommand = "winerr.explain";
json explain_action(const Entry& e, const json& diagnostics);
const Entry& explain_argument(const json& executeCommandParams, const Catalog& catalog);  // throws rpc::Error
// Writes the Markdown explanation to <temp>/winerr-ls/NAME.md; its file: URI, or none.
std::optional<std::string> write_explanation(const Entry& e, const Catalog& catalog);

class Policy;
// document_symbols.cpp — the outline: one symbol per code ("NAME — 12×, lines 40–19,880"),
// its occurrences (at most kSymbolChildren) as children.
inline constexpr std::size_t kSymbolChildren = 100;
json document_symbols(const Document& doc, const std::vector<Finding>& findings, const Policy& policy, const Catalog& catalog,
                      PositionEncoding enc);
// document_links.cpp — each shown finding (at most max_links) links to Microsoft's page.
json document_links(const Document& doc, const std::vector<Finding>& findings, const Policy& policy, const Catalog& catalog,
                    PositionEncoding enc, std::size_t max_links);
// occurrences.cpp — the code under the cursor (family and value), and its mentions in a
// document (at most `max` in `out`), each made into JSON by `make` from its range.
std::optional<CodeKey> code_at(const Document& doc, Position pos, PositionEncoding enc, const Catalog& catalog);
inline constexpr std::size_t kMaxOccurrences = 10000;
void add_occurrences(const Document& doc, const CodeKey& code, PositionEncoding enc, std::size_t max, json& out,
                     const std::function<json(json range)>& make);

// code_lens.cpp — the summary lens on the first line: "14 IPsec/IKE errors: 13801 ×12, 13868 ×2"
// (the kSummaryLensCodes most frequent codes, then "+N more"), none without findings. Its
// command, winerr.showOutline [uri], is the client's to run (VS Code and Neovim map it to their
// outline); a client that sends it to the server gets the outline as a message.
inline constexpr std::size_t kSummaryLensCodes = 5;
inline constexpr const char* kShowOutlineCommand = "winerr.showOutline";
// winerr.scanFile URI: a file on disk scanned and its diagnostics published (session_scan_file.cpp).
inline constexpr const char* kScanFileCommand = "winerr.scanFile";
std::string summary_title(const Document& doc, const std::vector<Finding>& findings, const Policy& policy, const Catalog& catalog);
json code_lenses(const Document& doc, const std::vector<Finding>& findings, const Policy& policy, const Catalog& catalog);

// completion.cpp — catalog names for the word typed before the cursor, in scripts, source and
// markdown (null in a log): a CompletionList of at most kMaxCompletions Constant items, each
// replacing the typed word. Its logic, apart from the LSP shape:
//  - completion_word_start: where the word (letters, digits, '_') ending at `offset` begins;
//  - completion_matches: for a word of at least kCompletionMinWord characters, the names that
//    start with it (case-insensitive), then those whose '_'-parts hold every typed part — the
//    first starts the name's first part, each other one starts some other part of the name, in
//    any order — each group by code (family, value); at most `max`, `*capped` when cut;
//  - markdown_literal: text escaped so that Markdown renders it as itself.
inline constexpr std::size_t kMaxCompletions = 200, kCompletionMinWord = 3;
json completion(const Document& doc, Position pos, PositionEncoding enc, const Catalog& catalog, const ClientCaps& caps);
std::size_t completion_word_start(std::string_view text, std::size_t offset);
std::vector<const Entry*> completion_matches(const Catalog& catalog, std::string_view word, std::size_t max,
                                             bool* capped = nullptr);
std::string markdown_literal(std::string_view text);

// workspace_symbols.cpp — workspace/symbol. A SymbolQuery answers whether a code answers the
// query: the query (trimmed) is empty, or is part of the name (case-insensitive), or is a
// spelling of the code's number (parse_code: 13801, 0x35E9, 0x800735E9, -2147011095), or every
// word of it is in the official text (case-insensitive). add_workspace_symbols appends, up to
// `max` in all, one SymbolInformation (name, kind Constant, location, containerName: the file
// name) per mention the diagnostics show (visible_findings) whose code answers.
class SymbolQuery {
 public:
  explicit SymbolQuery(std::string_view query);
  bool matches(const Entry& e, const Catalog& catalog) const;

 private:
  std::string text_;
  std::vector<std::string> words_;
};
inline constexpr std::size_t kMaxWorkspaceSymbols = 1000;
void add_workspace_symbols(const Document& doc, const std::vector<Finding>& findings, const Policy& policy,
                           const Catalog& catalog, const SymbolQuery& query, PositionEncoding enc, std::size_t max, json& out);

// semantic_tokens.cpp — textDocument/semanticTokens (full, full/delta, range), for logs and
// plain text only (has_semantic_tokens: DocKind::Log); every other document gets none, as its
// language colours it already. Two kinds of token, in document order, never overlapping, never
// spanning lines:
//  - the codes the diagnostics show (visible_findings: ignore, forms, decimals, severity "off",
//    suppression comments; both spellings of one mention, `13801 (0x35E9)`): type enumMember
//    for the symbolic name, number for every other spelling; its LSP severity as the modifier;
//  - status words of the log (add_status_markers): a whole word ERROR, FAILED, FAIL, FAILURE
//    (modifier error), WARNING or WARN (modifier warning) in upper case, or in any case when
//    the word alone fills square brackets ("[error]", "[Warn]"); type keyword. A word is a run
//    of ASCII letters, digits, '_' and non-ASCII bytes, so ERROR_IPSEC_IKE_AUTH_FAIL, ERRORS,
//    E_FAIL and prose ("failed with error 13801") hold none.
// The legend's order is the token's type and modifier bits below. Standard types, so any theme
// colours them without configuration; the modifiers are ours, for a client to colour by
// severity (editors/nvim links them to the Diagnostic* groups).
inline constexpr std::uint32_t kTokenNumber = 0, kTokenEnumMember = 1, kTokenKeyword = 2;
inline constexpr std::uint32_t kTokenError = 1u << 0, kTokenWarning = 1u << 1, kTokenInformation = 1u << 2,
                               kTokenHint = 1u << 3;
// A response holds at most this many tokens (5 integers each, ~3.5 MB of JSON); the rest of
// a bigger document is left uncoloured rather than held up.
inline constexpr std::size_t kMaxSemanticTokens = 100000;
struct SemanticToken {
  std::size_t begin, end;  // bytes
  std::uint32_t type, modifiers;
};
json semantic_tokens_legend();
bool has_semantic_tokens(const Document& doc);
// The status words that start in the bytes [begin, end) of `text`, appended to `out` until it
// holds `max` tokens. A word is read whole, and judged by the bytes around it, past either end.
void add_status_markers(std::string_view text, std::size_t begin, std::size_t end, std::vector<SemanticToken>& out,
                        std::size_t max = kMaxSemanticTokens);
// The tokens that overlap the bytes [begin, end), at most `max`. `findings`: the document's
// (none while they are not ready). `markers`: look for status words (reads the bytes of
// [begin, end) once; the codes cost their number only).
std::vector<SemanticToken> semantic_token_list(const Document& doc, const std::vector<Finding>& findings, const Policy& policy,
                                               const Catalog& catalog, std::size_t begin, std::size_t end, bool markers = true,
                                               std::size_t max = kMaxSemanticTokens);
// The LSP integer encoding (5 per token, relative to the token before) in the session's
// position encoding. Tokens must be in order; an overlapping, empty or multi-line one is
// skipped. Linear: each line holding tokens is read once, up to its last token.
std::vector<std::uint32_t> encode_semantic_tokens(std::string_view text, const LineIndex& lines,
                                                  const std::vector<SemanticToken>& tokens, PositionEncoding enc);
// SemanticTokensEdit[] that turn `before` into `after`: none when they are equal, else one
// edit between their longest common prefix and suffix.
json semantic_tokens_edits(const std::vector<std::uint32_t>& before, const std::vector<std::uint32_t>& after);

// The finding under a cursor at byte `offset` of `found` (in document order, not
// overlapping): the one containing it, else the one it directly follows (editors place the
// cursor right after a token); null when none. Bare decimals count only `with_bare`.
const Finding* finding_at(const std::vector<Finding>& found, std::size_t offset, bool with_bare);
// The finding under the cursor at `pos` (byte `offset`) of a document: looked up in its
// findings once they are ready, else found by scanning that line into `scratch`.
const Finding* finding_under(const Document& doc, Position pos, std::size_t offset, const Catalog& catalog, bool with_bare,
                             std::vector<Finding>& scratch);
// The findings touching bytes [b, e] (the range `lines` in bytes): from the document's
// findings once they are ready (a binary search, not a rescan of the lines), else from those
// lines scanned into `scratch`. Bare decimals only `with_bare`.
std::vector<const Finding*> findings_touching(const Document& doc, Range lines, std::size_t b, std::size_t e, const Catalog& catalog,
                                              bool with_bare, std::vector<Finding>& scratch);
// Findings of the lines [first_line, last_line] scanned afresh (used when the document's
// findings are not ready yet).
// `with_bare`: keep bare decimals (the setting decimals: "any").
std::vector<Finding> scan_line_range(const Document& doc, std::size_t first_line, std::size_t last_line, const Catalog& catalog,
                                     bool with_bare = false);

}  // namespace winerr
