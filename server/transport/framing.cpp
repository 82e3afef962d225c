// framing.cpp — see framing.h.
#include "framing.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "platform/platform.h"

namespace winerr {

namespace {
// A header block longer than this without its blank line is not LSP.
constexpr std::size_t kMaxHeaderBytes = 8192;
constexpr std::string_view kContentLength = "content-length:";

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}
bool is_token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

// Where a header may start: the next "Content-Length:" (any case) at or after `from` that is
// followed by a number and a line break, or a prefix of that cut off by the end of `s` (it may
// be completed by the next read) unless `s` is complete. npos when there is none.
std::size_t find_header(std::string_view s, std::size_t from, bool complete = false) {
  for (std::size_t at = from; at < s.size(); ++at) {
    if (s[at] != 'C' && s[at] != 'c') continue;
    std::size_t i = 0;
    while (i < kContentLength.size() && at + i < s.size() && lower(s[at + i]) == kContentLength[i]) ++i;
    if (at + i == s.size() && !complete) return at;  // cut off: may be one
    if (i < kContentLength.size()) continue;
    std::size_t k = at + i;
    while (k < s.size() && (s[k] == ' ' || s[k] == '\t')) ++k;
    const std::size_t digits = k;
    while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
    if (k == s.size()) {
      if (!complete) return at;  // cut off
      return k > digits ? at : std::string_view::npos;
    }
    if (k == digits) continue;
    while (k < s.size() && (s[k] == ' ' || s[k] == '\t')) ++k;
    if (k == s.size()) {
      if (!complete) return at;
      return at;  // the end of a complete header block is the end of this line
    }
    if (s[k] == '\r' && k + 1 == s.size()) return complete ? std::string_view::npos : at;
    if (s[k] == '\r' && s[k + 1] == '\n') return at;
  }
  return std::string_view::npos;
}

// Parses a header value of decimal digits; false on anything else or overflow.
bool parse_length(std::string_view v, std::size_t& out) {
  if (v.empty() || v.size() > 19) return false;
  std::size_t n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return false;
    const std::size_t d = static_cast<std::size_t>(c - '0');
    if (n > (SIZE_MAX - d) / 10) return false;
    n = n * 10 + d;
  }
  out = n;
  return true;
}
}  // namespace

void FrameDecoder::feed(std::string_view bytes) {
  if (in_body_) {
    const std::size_t take = std::min(bytes.size(), body_length_ - body_.size());
    body_.append(bytes.substr(0, take));
    bytes.remove_prefix(take);  // what follows the body: the next frame
  }
  buf_.append(bytes);
  // While resynchronising, never let discarded bytes pile up.
  if (resyncing_ && buf_.size() > (1u << 20)) resync();
}

bool FrameDecoder::resync() {
  std::size_t at = find_header(buf_, 0);
  if (at == std::string::npos) {
    buf_.clear();
    return false;
  }
  buf_.erase(0, at);
  // A header cut off by the end of the buffer is confirmed (or not) by the next read.
  return find_header(buf_, 0) == 0 && buf_.find("\r\n") != std::string::npos;
}

FrameDecoder::Result FrameDecoder::next() {
  if (in_body_) {
    if (body_.size() < body_length_) return {};
    in_body_ = false;
    Result r{Status::Frame, std::move(body_), {}};
    body_ = std::string();
    return r;
  }
  if (resyncing_) {
    if (!resync()) return {};
    resyncing_ = false;
  }
  if (buf_.empty()) return {};
  // Resynchronise from here on and report why; the bytes up to the next header are dropped.
  auto lose_sync = [&](std::string why) {
    resyncing_ = true;
    return Result{Status::Error, {}, std::move(why)};
  };
  // A header block starts with a header name; anything else is garbage before the next one.
  if (!is_token_char(buf_[0])) {
    buf_.erase(0, 1);
    return lose_sync("bytes before a header were skipped");
  }
  auto hdr_end = buf_.find("\r\n\r\n");
  if (hdr_end == std::string::npos) {
    if (buf_.size() > kMaxHeaderBytes) {
      buf_.erase(0, 1);
      return lose_sync("header block longer than 8 KiB without a blank line; skipped");
    }
    // A header line must read "Name:"; a first line that doesn't is garbage, say so now.
    auto eol = buf_.find('\n');
    if (eol != std::string::npos) {
      std::string_view first(buf_.data(), eol);
      auto colon = first.find(':');
      if (colon == std::string_view::npos || colon == 0 ||
          !std::all_of(first.begin(), first.begin() + static_cast<long>(colon), is_token_char)) {
        buf_.erase(0, 1);
        return lose_sync("a line that is not a header was skipped");
      }
    }
    return {};
  }
  std::string_view headers(buf_.data(), hdr_end);
  std::size_t length = 0;
  int lengths = 0;
  bool conflicting = false;
  std::string problem;
  std::size_t pos = 0;
  while (pos <= headers.size()) {
    auto eol = headers.find("\r\n", pos);
    std::string_view line = headers.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    pos = eol == std::string_view::npos ? headers.size() + 1 : eol + 2;
    if (line.empty()) continue;
    auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 ||
        !std::all_of(line.begin(), line.begin() + static_cast<long>(colon), is_token_char)) {
      problem = "header line without 'Name:'";
      continue;
    }
    if (!iequals(line.substr(0, colon), "Content-Length")) continue;  // Content-Type etc.
    std::string_view v = trim(line.substr(colon + 1));
    std::size_t n = 0;
    if (!parse_length(v, n)) { problem = "Content-Length is not a number: '" + std::string(v.substr(0, 40)) + "'"; continue; }
    if (lengths > 0 && n != length) conflicting = true;
    length = n;
    ++lengths;
  }
  if (!conflicting && (lengths == 0 || !problem.empty())) {
    // "xContent-Length: 5", or a junk line before the real header: start again at the header.
    std::size_t at = find_header(headers, 1, /*complete=*/true);
    if (at != std::string::npos) {
      buf_.erase(0, at);
      return {Status::Error, {}, "bytes before a header were skipped"};
    }
  }
  if (conflicting || lengths == 0 || !problem.empty()) {
    buf_.erase(0, hdr_end + 4);
    std::string why = conflicting ? "conflicting Content-Length headers"
                      : !problem.empty() ? problem
                                         : "frame without Content-Length";
    return lose_sync(why + "; skipped to the next header");
  }
  const std::size_t body_start = hdr_end + 4;
  if (length > max_body_) {
    buf_.erase(0, body_start);
    return lose_sync("frame of " + std::to_string(length) + " bytes exceeds the limit of " + std::to_string(max_body_) +
                     " bytes; discarded up to the next header");
  }
  if (buf_.size() - body_start < length) {
    if (length >= kStreamedBody) {
      body_ = std::string();
      // Sized once for what was announced, up to 512 MiB (the rest, if a body is bigger,
      // grows as usual); a client that announces much and sends little costs address space,
      // not memory, until the bytes come.
      try {
        body_.reserve(std::min(length, std::size_t{512} << 20));
        platform::advise_huge_pages(body_.data(), body_.capacity());
      } catch (const std::bad_alloc&) {
      }
      body_.append(buf_, body_start, std::string::npos);
      buf_.clear();
      body_length_ = length;
      in_body_ = true;
    }
    return {};
  }
  Result r{Status::Frame, buf_.substr(body_start, length), {}};
  buf_.erase(0, body_start + length);
  return r;
}

std::string encode_frame(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  return out;
}

}  // namespace winerr
