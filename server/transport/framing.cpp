// framing.cpp — see framing.h.
#include "framing.h"

#include <algorithm>
#include <cctype>

namespace winerr {

namespace {
// A header block longer than this without its blank line is not LSP.
constexpr std::size_t kMaxHeaderBytes = 8192;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}
}  // namespace

void FrameDecoder::feed(std::string_view bytes) {
  if (skip_ > 0) {
    std::size_t n = std::min(skip_, bytes.size());
    skip_ -= n;
    bytes.remove_prefix(n);
  }
  buf_.append(bytes);
}

FrameDecoder::Result FrameDecoder::next() {
  if (skip_ > 0) {
    std::size_t n = std::min(skip_, buf_.size());
    buf_.erase(0, n);
    skip_ -= n;
    if (skip_ > 0) return {};
  }
  auto hdr_end = buf_.find("\r\n\r\n");
  if (hdr_end == std::string::npos) {
    if (buf_.size() > kMaxHeaderBytes) {
      buf_.clear();
      return {Status::Error, {}, "header block longer than 8 KiB without a blank line; input discarded"};
    }
    return {};
  }
  std::string_view headers(buf_.data(), hdr_end);
  long long length = -1;
  std::string problem;
  std::size_t pos = 0;
  while (pos <= headers.size()) {
    auto eol = headers.find("\r\n", pos);
    std::string_view line = headers.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    pos = eol == std::string_view::npos ? headers.size() + 1 : eol + 2;
    if (line.empty()) continue;
    auto colon = line.find(':');
    if (colon == std::string_view::npos) { problem = "header line without ':'"; continue; }
    if (!iequals(trim(line.substr(0, colon)), "Content-Length")) continue;  // Content-Type etc.
    std::string_view v = trim(line.substr(colon + 1));
    long long n = 0;
    bool ok = !v.empty() && v.size() <= 18;
    for (char c : v) {
      if (c < '0' || c > '9') { ok = false; break; }
      n = n * 10 + (c - '0');
    }
    if (!ok) { problem = "Content-Length is not a number: '" + std::string(v) + "'"; continue; }
    length = n;
  }
  if (length < 0) {
    buf_.erase(0, hdr_end + 4);
    return {Status::Error, {}, problem.empty() ? "frame without Content-Length; skipped" : problem + "; frame skipped"};
  }
  const std::size_t body_start = hdr_end + 4;
  const auto len = static_cast<std::size_t>(length);
  if (len > max_body_) {
    buf_.erase(0, body_start);
    std::size_t n = std::min(len, buf_.size());
    buf_.erase(0, n);
    skip_ = len - n;
    return {Status::Error, {}, "frame of " + std::to_string(len) + " bytes exceeds the limit of " + std::to_string(max_body_) +
                                   " bytes; discarded"};
  }
  if (buf_.size() - body_start < len) return {};
  Result r{Status::Frame, buf_.substr(body_start, len), {}};
  buf_.erase(0, body_start + len);
  return r;
}

std::string encode_frame(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  return out;
}

}  // namespace winerr
