// line_breaks.h: LineEnds, line after line, gives what line_end_from gives, for "\n", "\r\n"
// and lone "\r" endings, a "\r" far past the 64 KiB window, and a restart at an earlier line.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "line_breaks.h"

using winerr::line_end_from;
using winerr::LineEnds;

namespace {
// The definition: the first byte at or after `at` that ends a line (ends_line), or the size.
std::size_t by_bytes(std::string_view t, std::size_t at) {
  for (std::size_t i = at; i < t.size(); ++i)
    if (winerr::ends_line(t, i)) return i;
  return t.size();
}
void check_walk(const std::string& t) {
  LineEnds ends(t);
  std::size_t lines = 0;
  for (std::size_t at = 0; at <= t.size();) {
    ++lines;
    const std::size_t e = ends.from(at);
    REQUIRE(e == by_bytes(t, at));
    REQUIRE(e == line_end_from(t, at));
    if (e >= t.size()) break;
    at = e + 1;
  }
  CHECK(lines > 0);
}
}  // namespace

TEST_CASE("line ends: LineEnds walks lines as line_end_from and the byte test do") {
  for (const std::string& t : {std::string(), std::string("\n"), std::string("\r"), std::string("\r\n"), std::string("a\rb\r\nc\nd"),
                              std::string("\n\n\r\r\n\r"), std::string("abc")})
    check_walk(t);
  std::mt19937 rnd(7);
  const std::string alphabet = "ab \n\r";
  for (int round = 0; round < 200; ++round) {
    std::string t(std::uniform_int_distribution<std::size_t>(0, 400)(rnd), ' ');
    for (char& c : t) c = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rnd)];
    check_walk(t);
  }
}

TEST_CASE("line ends: a CR beyond the 64 KiB window, and a walk that starts again earlier") {
  // 200,000 "\n" lines, then a lone "\r" and a "\r\n": each found where it is.
  std::string t;
  for (int k = 0; k < 20000; ++k) t += "line 13801\n";
  t += "lone\rcrlf\r\nend";
  check_walk(t);
  LineEnds ends(t);
  const std::size_t late = t.find("lone");
  CHECK(ends.from(late) == t.find('\r'));
  CHECK(ends.from(0) == t.find('\n'));  // earlier than before: searched again
  CHECK(ends.from(t.find("crlf")) == t.find("\r\n") + 1);
}
