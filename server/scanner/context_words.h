// context_words.h — the scanner's context vocabulary (data, not logic), shared with the
// fuzz reference scanner so the two can differ in method but never in their word lists.
// Lower-case, exact. Std only.
#pragma once

#include <string_view>

namespace winerr::context_words {

// Words that say "the number next to me is an error code". Lower-case, exact.
inline constexpr std::string_view kPositive[] = {
    "error", "errors", "err", "code", "codes", "status", "reason", "failed", "failure", "fail", "fails",
    "win32", "errno", "werr", "hr", "hresult", "rc", "ret", "retval", "result", "returned", "returns",
    "ntstatus", "winerror", "lasterror", "getlasterror", "errorcode", "error_code", "statuscode",
    "exitcode", "failurecode", "failurereason"};
// Words that say "the number next to me is something else".
inline constexpr std::string_view kNegative[] = {
    "address", "addr", "offset", "register", "reg", "port", "ports", "pid", "tid", "process", "thread",
    "size", "bytes", "byte", "len", "length", "line", "lines", "ln", "version", "ver", "build", "id",
    "kb", "mb", "gb", "ms", "sec", "seconds", "page", "pages", "bug", "issue", "ticket", "pr", "commit",
    "row", "col", "column", "count", "total", "mem", "memory", "ip", "sequence", "seq", "serial",
    "index", "idx", "pos", "position", "tcp", "udp", "dport", "sport", "localport",
    "remoteport", "listen", "year", "km", "price"};
// Units after a number that make it a quantity, not a code.
inline constexpr std::string_view kNegativeAfter[] = {
    "bytes", "byte", "kb", "mb", "gb", "ms", "sec", "seconds", "s", "lines", "times", "words", "chars",
    "characters", "items", "records", "entries", "packets", "frames", "users", "rows", "files", "hz",
    "mhz", "km", "m", "us", "ns", "days", "hours", "minutes", "tcp", "udp"};

}  // namespace winerr::context_words
