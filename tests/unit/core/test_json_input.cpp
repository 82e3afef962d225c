// rpc::parse_body: long strings are lifted out of the body before nlohmann parses it and put
// back by move; the value must be exactly what nlohmann alone makes of the same bytes, and a
// body nlohmann refuses must still be refused.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "rpc/json_input.h"
#include "text/byte_scan.h"

using nlohmann::json;
using winerr::rpc::parse_body;

namespace {
// A didOpen whose text is `body` (already JSON-escaped) repeated up to about `bytes`.
std::string did_open(const std::string& escaped_piece, std::size_t bytes) {
  std::string text;
  while (text.size() < bytes) text += escaped_piece;
  return R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.log","languageId":"log","version":1,"text":")" +
         text + R"("}}})";
}
}  // namespace

TEST_CASE("json input: a long string is the same value as nlohmann's own parse, escapes and all") {
  // Every escape JSON has, a surrogate pair, a NUL, multi-byte UTF-8 as is.
  const std::string piece = R"(IKE error 13801 \"quoted\" back\\slash \/ \b\f\n\r\t caf\u00e9 \ud83d\ude00 nul\u0000 é 漢\n)";
  const std::string body = did_open(piece, 300 * 1024);
  const json want = json::parse(body);
  auto got = parse_body(body);
  REQUIRE(got.error.empty());
  CHECK(got.value == want);
  CHECK(got.lifted == 1);
  CHECK(got.value["params"]["textDocument"]["text"].get<std::string>().size() > 200 * 1024);
}

TEST_CASE("json input: long keys, arrays of long strings and short strings stay right") {
  const std::string big(100 * 1024, 'x');
  const std::string body = R"({"a":[")" + big + R"(",")" + big + R"(y"],")" + big + R"(":"short","n":1})";
  const auto got = parse_body(body);
  REQUIRE(got.error.empty());
  CHECK(got.value == json::parse(body));
  CHECK(got.lifted == 2);  // the two values; a key stays in the body
}

TEST_CASE("json input: a long string JSON refuses is still refused") {
  for (const std::string bad : {R"(bad \x escape)", "raw\x01" "control", R"(cut \u12)"}) {
    INFO(bad);
    const auto got = parse_body(did_open(bad, 100 * 1024));
    CHECK(got.error == "the message is not valid JSON");
  }
  // A string that looks like the marker (a wrong number) is left as the client wrote it.
  const std::string fake = R"({"a":"\u0000winerr-lifted:1:0","b":")" + std::string(70 * 1024, 'z') + R"("})";
  const auto got = parse_body(fake);
  REQUIRE(got.error.empty());
  CHECK(got.value == json::parse(fake));
  CHECK(got.lifted == 1);
}

TEST_CASE("json input: random long strings (fixed seed) parse as nlohmann parses them, or fail as it fails") {
  // Pieces: plain text, every escape, pairs and lone surrogates, invalid escapes, raw control
  // bytes and invalid UTF-8 (repaired first, as for any body).
  const std::vector<std::string> pieces = {"IKE 13801 ", R"(\")", R"(\\)", R"(\/)", R"(\b)", R"(\f)", R"(\n)", R"(\r)",
                                           R"(\t)", R"(\u0041)", R"(\u00e9)", R"(\ud83d\ude00)", R"(\ud800)", R"(\udc00)",
                                           R"(\u0000)", "é", "\xff", R"(\q)", "\x02", R"(\u12G4)"};
  std::uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  int lifted = 0, refused = 0;
  for (int round = 0; round < 40; ++round) {
    std::string text;
    const bool clean = round % 2 == 0;  // half of them use valid pieces only
    while (text.size() < 70 * 1024) {
      const std::size_t k = next() % pieces.size();
      if (clean && k >= 17) continue;
      text += pieces[k];
    }
    const std::string body = R"({"t":")" + text + R"(","n":[1,"x"]})";
    const auto got = parse_body(body);
    // nlohmann on the same repaired bytes is the reference.
    std::string repaired = body;
    std::size_t n = 0;
    winerr::rpc::repair_and_measure(repaired, n);
    const json want = json::parse(repaired, nullptr, false);
    INFO("round " << round);
    if (want.is_discarded()) {
      CHECK(got.error == "the message is not valid JSON");
      ++refused;
    } else {
      REQUIRE(got.error.empty());
      CHECK(got.value == want);
      lifted += static_cast<int>(got.lifted);
    }
  }
  CHECK(lifted >= 20);  // every clean round went through the lifted path
  CHECK(refused >= 10);
}

TEST_CASE("byte scan: the word-at-a-time run ends exactly where a byte-by-byte loop ends") {
  auto slow = [](const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
      ++i;
    }
    return i;
  };
  // Every byte value at every position of a 20-byte run of 'a'.
  for (int v = 0; v < 256; ++v)
    for (std::size_t at = 0; at < 20; ++at) {
      std::string s(20, 'a');
      s[at] = static_cast<char>(v);
      INFO("byte " << v << " at " << at);
      REQUIRE(winerr::bytes::plain_json_string_run(s.data(), s.size()) == slow(s));
    }
}

// A string of 1 MB or more is unescaped into the front of the message's own buffer: the same
// value as a plain parse, every escape kind across it, other strings (long and short) intact.
TEST_CASE("json input: a huge string is unescaped in place, exactly as a plain parse reads it") {
  std::string text;
  const char* pieces[] = {"plain ascii ", "\\n", "\\\"", "\\\\", "\\/", "\\t", "\\u00e9", "\\ud83d\\ude00", "caf\xC3\xA9 ", "\\r\\n"};
  for (int i = 0; text.size() < (std::size_t{3} << 20); ++i) text += pieces[i % 10];
  std::string other(100 * 1024, 'y');
  other += "\\u0041";
  const std::string body = R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.log","text":")" +
                           text + R"(","after":")" + other + R"(","n":7}}})";
  const nlohmann::json want = nlohmann::json::parse(body);
  const winerr::rpc::ParsedBody got = parse_body(body);
  REQUIRE(got.error.empty());
  CHECK(got.lifted == 2);
  CHECK(got.value == want);
  // An invalid escape inside it: refused as the message a plain parse would refuse.
  std::string bad = body;
  bad.replace(bad.find("\\t"), 2, "\\q");
  CHECK_FALSE(nlohmann::json::accept(bad));
  CHECK(parse_body(bad).error == "the message is not valid JSON");
}
