// help.cpp — see help.h. Format rules (the man page generator relies on them): the first
// line is "winerr-ls — summary"; a line of its own ending in ':' and starting at column 0
// is a section heading; everything else is shown as written.
#include "help.h"

namespace winerr::cli {

namespace {

constexpr std::string_view kMain = R"HELP(winerr-ls — finds Win32 IPsec/IKE error codes in text and explains them.

Usage:
  winerr-ls [--stdio] [--catalog FILE]     run the language server on stdin/stdout
  winerr-ls --listen HOST:PORT [--allow-remote] [--catalog FILE]
                                           serve one client over TCP (loopback only unless
                                           --allow-remote; port 0 picks one and prints
                                           "listening on HOST:PORT" on standard error)
  winerr-ls --socket=PORT | --port=PORT    connect to a client listening on 127.0.0.1:PORT
  winerr-ls check [OPTIONS] [--] PATH…|-   list the codes found in files (directories are
                                           walked; - reads standard input)
  winerr-ls explain [OPTIONS] [--] CODE…   explain a code: ERROR_IPSEC_IKE_AUTH_FAIL,
                                           IKE_AUTH_FAIL, 13801, 0x35E9, 0x800735E9,
                                           80073655, -2147011095, or words of its text
  winerr-ls catalog [--json] [--catalog FILE]
                                           print the whole catalog
  winerr-ls help [COMMAND]                 this text, or one command's (= COMMAND --help)
  winerr-ls --version | --help

Description:
  With no command winerr-ls is a language server: an editor starts it and speaks LSP
  (JSON-RPC with Content-Length headers) on its standard input and output. Started by hand
  from a terminal it says so on standard error, and still serves. Logs go to standard
  error; the server writes only LSP frames to standard output.
  In every command, -- ends the options: each argument after it is a PATH or a CODE.

Exit status:
  check: 0 when it ran, 1 with --fail-on and a finding at that level or above, 2 on a
  usage or I/O error. explain: 0 when every CODE is known, 1 when one is not, 2 on a
  usage error. See winerr-ls help check, winerr-ls help explain.

Environment:
  NO_COLOR    set and not empty: check prints no colour unless --color=always
  TERM        dumb: no colour unless --color=always
)HELP";

constexpr std::string_view kCheck = R"HELP(winerr-ls check — list the Win32 IPsec/IKE codes found in files.

Usage:
  winerr-ls check [OPTIONS] [--] PATH…|-

Description:
  Prints one line per finding, as gcc and rg --column do:
    path:line:column: severity: message [NAME]
  with a 1-based line and a 1-based byte column; severity is error, warning, info (the
  range markers 13800, 13897, 13909) or hint (a possible finding, marked "(possible)").
  Directories are walked (hidden folders skipped, files in name order); - reads
  standard input.

  --format sarif prints one SARIF 2.1.0 log for all files: one run, a rule per code
  that occurs (id NAME, Windows' text, the Microsoft page, properties.value the
  number), a result per finding with level error, warning or note (info and hint).
  Columns are 1-based UTF-16 code units (run.columnKind "utf16CodeUnits"), endColumn
  one past the code. A relative PATH stays a relative URI (to the current folder, '/'
  between segments, other bytes but A-Z a-z 0-9 - . _ ~ %-encoded: "logs/a%20b.log");
  an absolute one becomes a file: URI; standard input has no URI, only the
  description "standard input". The output has no time stamps: the same files give
  the same bytes.

  --summary prints, per file with findings, each code once with its count and its
  first and last line, in order of first appearance; then a total over all files:
    examples/vpn-client.log: 5 codes, 9 findings
      3 ERROR_IPSEC_IKE_AUTH_FAIL (13801) lines 4-7
      1 ERROR_IPSEC_IKE_NEG_STATUS_EXTENDED_END (13909) line 6
      ...
    total: 1 file, 5 codes, 9 findings
      3 ERROR_IPSEC_IKE_AUTH_FAIL (13801) in 1 file
      ...
  With --format json the same is one JSON object: {"files": [{"path", "findings",
  "codes": [{"name", "value", "count", "first_line", "last_line"}]}], "total":
  {"files", "findings", "codes": [{"name", "value", "count", "files"}]}}.
  Every output counts the same findings: .winerr.json, suppression comments and
  --certain-only apply to all, and --fail-on gives the same exit status.

Options:
  --format text|json|sarif
                          text lines (default), one JSON object per line, or one
                          SARIF 2.1.0 log (JSON) for all files
  --summary               counts per file and code instead of one line per finding
                          (text, or --format json)
  -f, --follow            one FILE, like tail -f: its findings, then every second
                          those of the lines appended (a file that shrank is read
                          again from its start); until interrupted
  --fail-on error|warning|any
                          exit 1 when a finding at that level or above is found
  --certain-only          leave out possible findings (bare hex without error context,
                          a decimal in a document with no IPsec/IKE/VPN context)
  --why                   print each finding's reason on the line below it ("why:
                          found as a decimal: the key `status` owns it"); JSON
                          output always carries it as "why", SARIF as
                          properties.why
  --color=auto|always|never
                          colour path, line, severity and name; auto (the default)
                          colours only on a terminal, and not when NO_COLOR is set
  --binary                scan files with NUL bytes too; without it such a file is
                          skipped, with one note on standard error if it holds codes
                          ("binary file matches", as grep says)
  --catalog FILE          a team catalog (JSON) layered over the embedded one
  -h, --help              this text
  --                      end of options: every later argument is a PATH

Encodings:
  A UTF-8 BOM is skipped and not counted in columns. A file that starts with a UTF-16
  LE or BE BOM (PowerShell 5.1 > redirects, exported event logs) is decoded to UTF-8
  first; its columns are then byte columns of that UTF-8 text. Bytes that are not
  UTF-8 (a cp1252 user name) are kept as they are, and columns stay byte columns of
  the file as read.

Exit status:
  0 when it ran, 1 with --fail-on and a finding at that level or above, 2 on a usage or
  I/O error.
)HELP";

constexpr std::string_view kExplain = R"HELP(winerr-ls explain — what a code means and what to check.

Usage:
  winerr-ls explain [OPTIONS] [--] CODE…

Description:
  Explains each CODE: the text Windows prints, what it means, where it shows up, likely
  causes, what to check and related codes. Each claim is tagged with its sources
  ([MS-AOVPN-TS]); a list of those sources with titles and URLs ends the output.
  A CODE may be spelled as a log or a colleague writes it:
    ERROR_IPSEC_IKE_AUTH_FAIL   the name, in any case; ERROR_ and ERROR_IPSEC_ may be
    IKE_AUTH_FAIL               left out (ipsec_ike_auth_fail works too)
    13801                       decimal
    0x35E9, 0X35e9              hex
    0x800735E9, 80073655        HRESULT (0x may be left out of 8 hex digits)
    hr=0x80073655               a key= or key: before the value is dropped
    -2147011095, 2147956201     HRESULT as a signed or unsigned decimal
    "credentials unacceptable"  words of its message
  For an unknown CODE it names the closest known codes ("did you mean ...").

Options:
  --format text|json      text (default), or one JSON array of entries
  --catalog FILE          a team catalog (JSON) layered over the embedded one
  -h, --help              this text
  --                      end of options: explain -- -2147011095

Exit status:
  0 when every CODE was found, 1 when one was not (the others are still explained), 2 on
  a usage error or a bad --catalog file.
)HELP";

constexpr std::string_view kCatalog = R"HELP(winerr-ls catalog — the whole catalog, for tools and review.

Usage:
  winerr-ls catalog [--json] [--catalog FILE]

Description:
  Prints one line per code (NAME (value, hex): message), or with --json every entry with
  its explanation, the aliases and the sources.

Options:
  --json                  JSON instead of lines
  --catalog FILE          a team catalog (JSON) layered over the embedded one
  -h, --help              this text

Exit status:
  0 when it ran, 2 on a usage error or a bad --catalog file.
)HELP";

constexpr std::string_view kTerminal = R"HELP(winerr-ls: this is a language server: it is waiting for LSP messages (JSON-RPC with
Content-Length headers) on standard input. Editors start it for you.
To use it by hand instead:
  winerr-ls check PATH…       list the error codes found in files (- for stdin)
  winerr-ls explain CODE…     explain a code: 13801, 0x35E9, ERROR_IPSEC_IKE_AUTH_FAIL
  winerr-ls --help            everything else
Still serving; press Ctrl-D (end of input) or Ctrl-C to stop.
)HELP";

}  // namespace

std::string_view main_help() { return kMain; }

std::string_view command_help(std::string_view command) {
  if (command == "check") return kCheck;
  if (command == "explain") return kExplain;
  if (command == "catalog") return kCatalog;
  return {};
}

const std::vector<std::string_view>& command_names() {
  static const std::vector<std::string_view> names{"check", "explain", "catalog"};
  return names;
}

std::string_view terminal_notice() { return kTerminal; }

}  // namespace winerr::cli
