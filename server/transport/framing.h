// framing.h — the LSP base protocol: "Content-Length: N\r\n\r\n" + N bytes of JSON.
//
// FrameDecoder is fed raw bytes in any chunking and yields whole bodies. It never throws.
// Malformed input is reported, not fatal, and never costs a later good message: whenever the
// stream stops making sense (garbage before a header, a header block without exactly one
// usable Content-Length, a length over the cap, leftovers of a wrong length) the decoder
// RESYNCHRONISES: it discards bytes, without buffering them, up to the next
// "Content-Length: <digits>\r\n" — which cannot occur inside a JSON body, where a line
// break is always escaped — and decodes from there.
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
  // Drops buf_ up to the next plausible header (keeping a tail that may be the start of
  // one); returns whether one was found at buf_[0].
  bool resync();

  std::size_t max_body_;
  std::string buf_;
  bool resyncing_ = false;  // discarding until the next header
  // A big body (kStreamedBody or more) is read straight into its own buffer, sized once from
  // its Content-Length: no regrowing copies of 200 MB, no copy out of buf_ at the end.
  static constexpr std::size_t kStreamedBody = std::size_t{1} << 20;
  std::string body_;
  std::size_t body_length_ = 0;
  bool in_body_ = false;
};

std::string encode_frame(std::string_view body);

}  // namespace winerr
