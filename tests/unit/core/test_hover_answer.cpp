// The short answers (server/render/hover_answer.cpp) over EVERY catalog entry: the hover fits
// kHoverRows rows at 80 columns in both dresses, names the code once, quotes the official text
// and shows the first checks; the diagnostic message. `winerr-ls explain` keeps the full text.
#include <catch2/catch.hpp>

#include <string>

#include "explanation.h"

using namespace winerr;

namespace {

// Whole-word occurrences: ERROR_IPSEC_IKE_NEG_STATUS_END must not count inside a longer name.
std::size_t count_word(const std::string& text, std::string_view word) {
  auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  std::size_t n = 0;
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1))
    if ((at == 0 || !is_word(text[at - 1])) && (at + word.size() >= text.size() || !is_word(text[at + word.size()]))) ++n;
  return n;
}

std::string last_line(const std::string& s) { return s.substr(s.rfind('\n') + 1); }

// Why lines as explain_why() gives them: a typical one, and one of two full rows (a long
// cue), which may leave no row for the causes line.
const std::string kWhy = "found as a decimal: the word `failure` before it in its sentence";
const std::string kLongWhy = "found as a decimal: the word `" + std::string(100, 'w') + "` before it in its sentence";

void check_budget(const Entry& e, const std::string& hover, bool markdown) {
  INFO(e.name << (markdown ? " (markdown)" : " (plaintext)") << "\n" << hover);
  CHECK(display_rows(hover) <= kHoverRows);
  CHECK(count_word(hover, e.name) == 1);
  CHECK(last_line(hover) == (markdown ? "*" + kLongWhy + "*" : kLongWhy));
}

void check_hover(const Entry& e, const std::string& hover, bool markdown) {
  INFO(e.name << (markdown ? " (markdown)" : " (plaintext)") << "\n" << hover);
  CHECK(display_rows(hover) <= kHoverRows);
  CHECK(count_word(hover, e.name) == 1);
  CHECK(hover.find(std::string(e.name)) < 5);  // on the title line, first
  if (std::string_view(e.message) != e.name) {
    CHECK(hover.find(markdown ? "> " + std::string(e.message) : "\"" + std::string(e.message) + "\"") != std::string::npos);
  } else {
    CHECK(e.range_marker);
    CHECK(hover.find("range marker, not a failure") != std::string::npos);
  }
  if (!e.checks.empty()) {
    CHECK(hover.find("What to check first") != std::string::npos);
    CHECK(hover.find("\n1. ") != std::string::npos);
    CHECK((e.checks.size() < 3 || hover.find("\n3. ") != std::string::npos));
    CHECK(hover.find("\n4. ") == std::string::npos);
  }
  if (!e.causes.empty()) CHECK(hover.find(e.range_marker ? "Why a log prints it:" : "Likely causes:") != std::string::npos);
  CHECK(hover.find("Full explanation: ") != std::string::npos);
  CHECK(hover.find("winerr-ls explain ") != std::string::npos);
  CHECK(last_line(hover) == (markdown ? "*" + kWhy + "*" : kWhy));
}

}  // namespace

TEST_CASE("hover of every catalog entry: at most 20 rows at 80 columns, the name once, text and checks") {
  const Catalog& cat = Catalog::embedded();
  REQUIRE(cat.entries().size() > 200);
  std::size_t most = 0;
  for (const Entry& e : cat.entries()) {
    const std::string md = render_hover_markdown(e, cat, kWhy), text = render_hover_text(e, cat, kWhy);
    check_hover(e, md, true);
    check_hover(e, text, false);
    check_budget(e, render_hover_markdown(e, cat, kLongWhy), true);
    check_budget(e, render_hover_text(e, cat, kLongWhy), false);
    most = std::max({most, display_rows(md), display_rows(text)});
  }
  CHECK(most <= kHoverRows);
}

TEST_CASE("hover of 13801 in plaintext, exactly") {
  const Catalog& cat = Catalog::embedded();
  const std::string h = render_hover_text(*cat.find(Family::Win32, 13801), cat, kWhy);
  CHECK(h ==
        "ERROR_IPSEC_IKE_AUTH_FAIL 13801 · 0x35E9 · HRESULT 0x800735E9 (-2147011095)\n"
        "\"IKE authentication credentials are unacceptable\"\n"
        "\n"
        "What to check first\n"
        "1. First establish which credential type is used (certificate or pre-shared key) and which side refused it, "
        "from the RasClient event or the failure point in IKEErrors.txt and the wfpdiag record.\n"
        "2. On the VPN server certificate, confirm the Server Authentication EKU and that the certificate is still within its validity period.\n"
        "3. Connect using the FQDN that is on the VPN server certificate rather than another name or an address.\n"
        "\n"
        "Likely causes: The VPN server's IKEv2 certificate lacks the Server Authentication enhanced key usage (Hicks "
        "also recommends the IP security IKE intermediate…\n"
        "Full explanation: winerr-ls explain 13801\n"
        "found as a decimal: the word `failure` before it in its sentence");
}

TEST_CASE("hover: a claim naming its own code does not repeat the name") {
  const Catalog& cat = Catalog::embedded();
  const Entry& e = *cat.find(Family::Win32, 13806);
  REQUIRE(std::string_view(e.checks[0].text).find(e.name) != std::string_view::npos);  // the data this guards
  const std::string h = render_hover_markdown(e, cat);
  CHECK(count_word(h, e.name) == 1);
  CHECK(h.find("look for this code's name in wfpdiag.xml") != std::string::npos);
}

TEST_CASE("hover: an NTSTATUS neighbour names its Win32 counterpart and is explained by its hex") {
  const Catalog& cat = Catalog::embedded();
  const std::string h = render_hover_markdown(*cat.find(Family::NtStatus, 0xC0360001), cat);
  CHECK(h.rfind("**STATUS_IPSEC_BAD_SPI** NTSTATUS `0xC0360001` (`-1070202879`)\n", 0) == 0);
  CHECK(h.find("Win32 counterpart: ERROR_IPSEC_BAD_SPI (`13910`)") != std::string::npos);
  CHECK(h.find("Full explanation: `winerr-ls explain 0xC0360001`") != std::string::npos);
}

TEST_CASE("explain keeps the full explanation: every check, cause and related code") {
  const Catalog& cat = Catalog::embedded();
  const Entry& e = *cat.find(Family::Win32, 13801);
  const std::string t = render_text(e, cat);
  for (const Claim& c : e.checks) CHECK(t.find(std::string(c.text)) != std::string::npos);
  for (const Claim& c : e.causes) CHECK(t.find(std::string(c.text)) != std::string::npos);
  CHECK(t.find("Related codes:") != std::string::npos);
  CHECK(display_rows(t) > kHoverRows);
}

TEST_CASE("diagnostic message: the number, the official text, never the name") {
  const Catalog& cat = Catalog::embedded();
  CHECK(diagnostic_message(*cat.find(Family::Win32, 13801), false) == "13801 IKE authentication credentials are unacceptable");
  CHECK(diagnostic_message(*cat.find(Family::Win32, 13801), true) == "13801 IKE authentication credentials are unacceptable (possible)");
  CHECK(diagnostic_message(*cat.find(Family::Win32, 13909), false) == "13909 (status marker)");
  CHECK(diagnostic_message(*cat.find(Family::NtStatus, 0xC0360001), false) ==
        "0xC0360001 The SPI in the packet does not match a valid IPsec SA.");
  for (const Entry& e : cat.entries()) {
    INFO(e.name);
    CHECK(count_word(diagnostic_message(e, true), e.name) == 0);
  }
}

TEST_CASE("display_rows: ceil(code points / 80) per line, an empty line one row") {
  CHECK(display_rows("") == 1);
  CHECK(display_rows(std::string(80, 'x')) == 1);
  CHECK(display_rows(std::string(81, 'x')) == 2);
  CHECK(display_rows("a\n\nb") == 3);
  std::string dots;
  for (int i = 0; i < 80; ++i) dots += "·";  // 160 bytes, 80 code points
  CHECK(display_rows(dots) == 1);
}
