// Content-Length framing: table-driven over well-formed and malformed input, any chunking.
#include <catch2/catch.hpp>

#include "framing.h"

using namespace winerr;

namespace {
std::vector<FrameDecoder::Result> decode_all(const std::string& input, std::size_t chunk, std::size_t cap = kDefaultMaxFrame) {
  FrameDecoder d(cap);
  std::vector<FrameDecoder::Result> out;
  for (std::size_t i = 0; i < input.size(); i += chunk) {
    d.feed(std::string_view(input).substr(i, chunk));
    for (;;) {
      auto r = d.next();
      if (r.status == FrameDecoder::Status::NeedMore) break;
      out.push_back(r);
    }
  }
  return out;
}
}  // namespace

TEST_CASE("framing: well-formed frames in any chunking") {
  std::string input = encode_frame(R"({"a":1})") + encode_frame(R"({"b":"日本"})") + "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 2\r\n\r\n{}";
  for (std::size_t chunk : {1u, 2u, 7u, 4096u}) {
    auto r = decode_all(input, chunk);
    REQUIRE(r.size() == 3);
    CHECK(r[0].body == R"({"a":1})");
    CHECK(r[1].body == R"({"b":"日本"})");
    CHECK(r[2].body == "{}");
  }
}

TEST_CASE("framing: malformed headers are reported and skipped, later frames still decode") {
  struct Row {
    const char* name;
    std::string input;
    const char* error_part;
  };
  std::vector<Row> rows = {
      {"no content-length", "X-Foo: 1\r\n\r\n", "without Content-Length"},
      {"not a number", "Content-Length: abc\r\n\r\n", "not a number"},
      {"negative", "Content-Length: -5\r\n\r\n", "not a number"},
      {"line without colon", "garbage\r\n\r\n", "not a header"},
  };
  for (auto& row : rows) {
    INFO(row.name);
    auto r = decode_all(row.input + encode_frame("{\"ok\":true}"), 3);
    REQUIRE(r.size() == 2);
    CHECK(r[0].status == FrameDecoder::Status::Error);
    CHECK(r[0].error.find(row.error_part) != std::string::npos);
    CHECK(r[1].status == FrameDecoder::Status::Frame);
    CHECK(r[1].body == "{\"ok\":true}");
  }
}

TEST_CASE("framing: a frame over the cap is discarded without buffering, the next one decodes") {
  std::string big(5000, 'x');
  auto r = decode_all(encode_frame(big) + encode_frame("{}"), 100, 1000);
  REQUIRE(r.size() == 2);
  CHECK(r[0].status == FrameDecoder::Status::Error);
  CHECK(r[0].error.find("exceeds the limit") != std::string::npos);
  CHECK(r[1].body == "{}");
}

TEST_CASE("framing: an endless header is cut off") {
  auto r = decode_all(std::string(10000, 'h'), 512);
  REQUIRE(!r.empty());
  CHECK(r[0].status == FrameDecoder::Status::Error);
}

TEST_CASE("framing: an incomplete body waits for more") {
  FrameDecoder d;
  d.feed("Content-Length: 8\r\n\r\n{\"a\":");
  CHECK(d.next().status == FrameDecoder::Status::NeedMore);
  d.feed("12}");
  auto r = d.next();
  REQUIRE(r.status == FrameDecoder::Status::Frame);
  CHECK(r.body == "{\"a\":12}");
}

namespace {
// Bodies of the frames decoded from input, any chunking; errors counted.
std::vector<std::string> bodies(const std::string& input, std::size_t chunk, int* errors = nullptr, std::size_t cap = kDefaultMaxFrame) {
  std::vector<std::string> out;
  int errs = 0;
  for (auto& r : decode_all(input, chunk, cap)) {
    if (r.status == FrameDecoder::Status::Frame) out.push_back(r.body);
    else ++errs;
  }
  if (errors) *errors = errs;
  return out;
}
}  // namespace

TEST_CASE("framing: after a broken frame the decoder resynchronises at the next header") {
  const std::string good = encode_frame(R"({"ok":1})");
  struct Row {
    const char* name;
    std::string input;
    std::vector<std::string> expected;
  };
  std::vector<Row> rows = {
      {"two different Content-Length headers", "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}" + good, {R"({"ok":1})"}},
      {"same Content-Length twice is fine", "Content-Length: 2\r\ncontent-length: 2\r\n\r\n{}" + good, {"{}", R"({"ok":1})"}},
      {"a stray byte before the header", "x" + good + good, {R"({"ok":1})", R"({"ok":1})"}},
      {"a stray '{' before the header", "{" + good, {R"({"ok":1})"}},
      {"garbage line between frames", good + "hello there\r\n" + good, {R"({"ok":1})", R"({"ok":1})"}},
      {"a length one byte short", "Content-Length: 7\r\n\r\n" R"({"ok":1})" + good, {R"({"ok":1)", R"({"ok":1})"}},
      {"a 19-digit length", "Content-Length: 9999999999999999999\r\n\r\n{}" + good, {R"({"ok":1})"}},
      {"an absurd length", "Content-Length: 99999999999\r\n\r\n{}" + good, {R"({"ok":1})"}},
      {"negative length", "Content-Length: -1\r\n\r\n{}" + good, {R"({"ok":1})"}},
      {"Content-Length text inside a JSON string is not a header",
       "Content-Length: 99999999999\r\n\r\n{\"t\":\"Content-Length: 5 bytes\"}" + good, {R"({"ok":1})"}},
  };
  for (auto& row : rows) {
    for (std::size_t chunk : {1u, 3u, 4096u}) {
      INFO(row.name << ", chunk " << chunk);
      int errors = 0;
      CHECK(bodies(row.input, chunk, &errors, 1000) == row.expected);
      if (std::string(row.name).find("fine") == std::string::npos) CHECK(errors >= 1);
    }
  }
}

TEST_CASE("framing: an over-cap body is not buffered while it is skipped") {
  FrameDecoder d(1000);
  d.feed("Content-Length: 99999999999\r\n\r\n");
  CHECK(d.next().status == FrameDecoder::Status::Error);
  const std::string chunk(1 << 16, 'x');
  for (int i = 0; i < 64; ++i) {  // 4 MiB of body
    d.feed(chunk);
    CHECK(d.next().status == FrameDecoder::Status::NeedMore);
  }
  d.feed(encode_frame("{}"));
  auto r = d.next();
  REQUIRE(r.status == FrameDecoder::Status::Frame);
  CHECK(r.body == "{}");
}

// A big body goes straight into a buffer of its own; the bytes after it start the next frame.
TEST_CASE("framing: a 3 MB body read in 64 KiB pieces, with the next frame in its last piece") {
  std::string body(3u << 20, 'x');
  for (std::size_t i = 0; i < body.size(); i += 4099) body[i] = static_cast<char>('a' + i % 26);
  const std::string stream = encode_frame(body) + encode_frame("{\"id\":2}") + "Content-Len";
  FrameDecoder dec;
  std::vector<std::string> frames;
  for (std::size_t at = 0; at < stream.size(); at += 65536) {
    dec.feed(std::string_view(stream).substr(at, 65536));
    for (auto r = dec.next(); r.status != FrameDecoder::Status::NeedMore; r = dec.next()) {
      REQUIRE(r.status == FrameDecoder::Status::Frame);
      frames.push_back(std::move(r.body));
    }
  }
  REQUIRE(frames.size() == 2);
  CHECK(frames[0] == body);
  CHECK(frames[1] == "{\"id\":2}");
  // The half header at the end completes with the next read.
  dec.feed("gth: 2\r\n\r\n{}");
  auto r = dec.next();
  CHECK(r.status == FrameDecoder::Status::Frame);
  CHECK(r.body == "{}");
}
