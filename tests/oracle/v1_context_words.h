// v1_context_words.h — the judge's vocabulary (data, not logic). Lower-case, exact; a compound
// The scanner as it was on main 5184616, kept verbatim (namespace winerr::v1) as the oracle
// the next scanner is compared with (tests/oracle/README.md). Do not edit but to follow the
// types it shares with the product (scanner.h).
// identifier (lastErrorCode, rx_bytes) is looked up whole and then by its parts. Std only.
#pragma once

#include <string_view>

namespace winerr::v1::context_words {

// Words that say "the number next to me is an error code".
inline constexpr std::string_view kPositive[] = {
    "error", "errors", "err", "code", "codes", "status", "reason", "failed", "failure", "failures", "fail", "fails",
    "win32", "errno", "werr", "hr", "hresult", "rc", "ret", "retval", "result", "returned", "returns", "return",
    "exit", "exitcode", "lastexitcode", "errorlevel", "ntstatus", "winerror", "lasterror", "getlasterror",
    "errorcode", "error_code", "statuscode", "failurecode", "failurereason", "throw", "throws"};
// Words that say "the number next to me is something else" (a quantity, an id, a place).
inline constexpr std::string_view kNegative[] = {
    "address", "addr", "offset", "register", "reg", "port", "ports", "pid", "tid", "process", "thread",
    "size", "bytes", "byte", "len", "length", "line", "lines", "ln", "version", "ver", "build", "id", "ids",
    "kb", "mb", "gb", "ms", "sec", "secs", "seconds", "page", "pages", "bug", "issue", "ticket", "pr", "commit",
    "row", "col", "column", "count", "total", "mem", "memory", "ip", "sequence", "seq", "serial",
    "index", "idx", "pos", "position", "tcp", "udp", "dport", "sport", "localport", "remoteport", "listen",
    "year", "km", "price", "delay", "timeout", "interval", "backoff", "duration", "elapsed", "latency",
    "retries", "attempts", "limit", "max", "min", "num", "rx", "tx", "packets", "packet", "pkts", "frames",
    "octets", "mtu", "ttl", "spi", "weight", "priority", "hash", "crc", "checksum", "luid",
    "handle", "session", "sessions", "width", "height", "lsn", "usn", "us", "ns", "millis", "time"};
// Units after a number that make it a quantity, not a code.
inline constexpr std::string_view kNegativeAfter[] = {
    "bytes", "byte", "kb", "mb", "gb", "ms", "sec", "seconds", "s", "lines", "times", "words", "chars",
    "characters", "items", "records", "entries", "packets", "frames", "users", "rows", "files", "hz",
    "mhz", "km", "m", "us", "ns", "days", "hours", "minutes", "tcp", "udp"};
// Words that say the document is about IPsec/IKE/VPN (whole word or a part of a compound:
// IkeCleanupQMNegotiation, RasClient). Their presence lets a decimal with error context be
// certain; without any, a lone 13806 may be another vendor's error number.
inline constexpr std::string_view kIpsecEvidence[] = {
    "ike", "ikev1", "ikev2", "ikeext", "ipsec", "vpn", "vpns", "rasclient", "rasman", "rasdial", "rasphone",
    "ras", "dotras", "l2tp", "strongswan", "wfp", "isakmp", "sstp", "rras", "oakley", "libreswan",
    "openswan", "alwayson", "ikeprofile", "ipsecpolicy", "mainmode", "quickmode", "fwpuclnt", "bfe",
    // RasClient's event 20227 reads "The user … dialed a connection named … which has failed.
    // The error code returned on failure is 13801": the words that quote it are RAS evidence.
    "dialed"};
// Evidence words long enough to count when they lead a longer word (IPSecException).
inline constexpr std::string_view kIpsecEvidencePrefixes[] = {"ipsec", "ikeext", "ikev2", "strongswan", "rasclient",
                                                             "dotras", "libreswan", "isakmp"};
// Words that name an error when they come after the number in its sentence ("what 13004 and
// 13005 codes mean", "13801 IKE authentication failure"). Code words (return, rc, hr) are
// not among them: `if (x == 13806) return;` says nothing about 13806.
inline constexpr std::string_view kPositiveAfter[] = {"error", "errors", "code", "codes", "failure", "failures",
                                                      "failed", "fails", "status", "hresult", "errorcode", "winerror"};
// Keywords that make the next number a table key ("case 13806:").
inline constexpr std::string_view kTableKeywords[] = {"case", "when"};
// Comparison words between an operand and a number ("$LASTEXITCODE -eq 13806").
inline constexpr std::string_view kCompareWords[] = {"eq", "ne", "ieq", "ceq"};

}  // namespace winerr::v1::context_words
