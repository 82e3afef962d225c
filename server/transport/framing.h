// framing.h — the LSP base protocol: "Content-Length: N\r\n\r\n" + N bytes of JSON.
//
// FrameDecoder is fed raw bytes in any chunking and yields whole bodies. It never throws.
// Malformed input is reported, not fatal: a header block without a usable Content-Length is
// skipped up to its blank line; a body larger than the cap is discarded as it streams past
// (never buffered) so a hostile or broken client cannot make the server allocate it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace winerr {

// 1 GiB: enough for a 200 MB document after JSON escaping (worst case \u00XX = 6x).
inline constexpr std::size_t kDefaultMaxFrame = std::size_t{1} << 30;

class FrameDecoder {
 public:
  explicit FrameDecoder(std::size_t max_body = kDefaultMaxFrame) : max_body_(max_body) {}

  void feed(std::string_view bytes);

  enum class Status { Frame, NeedMore, Error };
  struct Result {
    Status status = Status::NeedMore;
    std::string body;   // with Frame
    std::string error;  // with Error: what was wrong; decoding can continue
  };
  // Call until it returns NeedMore.
  Result next();

 private:
  std::size_t max_body_;
  std::string buf_;
  std::size_t skip_ = 0;  // bytes of an oversized body still to discard
};

std::string encode_frame(std::string_view body);

}  // namespace winerr
