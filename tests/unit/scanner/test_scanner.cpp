// Scanner forms and traps, one small text each. Positions are marked by the token itself:
// `at(text, "0x3655")` is where the finding must start.
#include <catch2/catch.hpp>

#include "scanner.h"

using namespace winerr;

namespace {
const Catalog& cat() { return Catalog::embedded(); }

struct Hit {
  std::string token;
  std::uint32_t value;
  Form form;
  Confidence conf;
};

std::vector<Hit> hits(std::string_view text) {
  std::vector<Hit> out;
  for (auto& f : scan(text, cat()))
    out.push_back({std::string(text.substr(f.begin, f.end - f.begin)), f.entry->value, f.form, f.confidence});
  return out;
}

void expect_one(std::string_view text, std::string token, std::uint32_t value, Form form, Confidence conf) {
  INFO("text: " << text);
  auto h = hits(text);
  REQUIRE(h.size() == 1);
  CHECK(h[0].token == token);
  CHECK(h[0].value == value);
  CHECK(h[0].form == form);
  CHECK(h[0].conf == conf);
}

void expect_none(std::string_view text) {
  INFO("text: " << text);
  auto h = hits(text);
  for (auto& x : h) UNSCOPED_INFO("unexpected: " << x.token);
  CHECK(h.empty());
}
}  // namespace

TEST_CASE("symbolic names are whole known names") {
  expect_one("Peer failed: ERROR_IPSEC_IKE_AUTH_FAIL.", "ERROR_IPSEC_IKE_AUTH_FAIL", 13801, Form::Name, Confidence::Certain);
  expect_one("WARNING_IPSEC_QM_POLICY_PRUNED", "WARNING_IPSEC_QM_POLICY_PRUNED", 13025, Form::Name, Confidence::Certain);
  expect_one("old name ERROR_IPSEC_IKE_INVALID_UMATTS here", "ERROR_IPSEC_IKE_INVALID_UMATTS", 13889, Form::Name, Confidence::Certain);
  expect_one("STATUS_IPSEC_BAD_SPI", "STATUS_IPSEC_BAD_SPI", 0xC0360001u, Form::Name, Confidence::Certain);
  expect_one("FWP_E_FILTER_NOT_FOUND", "FWP_E_FILTER_NOT_FOUND", 0x80320003u, Form::Name, Confidence::Certain);
  // 13855's official text carries the bare token ERROR_IPSEC_IKE, which is no symbol.
  expect_none("for ISAKMP/ERROR_IPSEC_IKE service");
  expect_none("ERROR_IPSEC_IKE_AUTH_FAILX ERROR_IPSEC_IKE_AUTH_FAIL_2 xERROR_IPSEC_IKE_AUTH_FAIL");
  expect_none("error_ipsec_ike_auth_fail");
}

TEST_CASE("hex values: certain with context, possible without") {
  expect_one("ended with status 0x3655", "0x3655", 13909, Form::Hex, Confidence::Certain);
  expect_one("failure error code:0x000035e9", "0x000035e9", 13801, Form::Hex, Confidence::Certain);
  expect_one("[ErrorCode] 0x362C [ErrorMessage]", "0x362C", 13868, Form::Hex, Confidence::Certain);
  expect_one("table {0x12, 0x3655, 0x44}", "0x3655", 13909, Form::Hex, Confidence::Possible);
  expect_one("#define X 0x35E9L", "0x35E9", 13801, Form::Hex, Confidence::Possible);
  auto h = hits("ERROR_IPSEC_IKE_TIMED_OUT = 0x35ED");
  REQUIRE(h.size() == 2);
  CHECK(h[1].conf == Confidence::Certain);
  // 0x0000000000003655: leading zeros up to 16 digits.
  expect_one("status 0x0000000000003655", "0x0000000000003655", 13909, Form::Hex, Confidence::Certain);
}

TEST_CASE("HRESULT forms are certain on their own") {
  expect_one("Connect() returned hr=0x800735EE", "0x800735EE", 13806, Form::Hresult, Confidence::Certain);
  expect_one("0x800735e9", "0x800735e9", 13801, Form::Hresult, Confidence::Certain);
  expect_one("hr=800735E9", "800735E9", 13801, Form::Hresult, Confidence::Certain);
  expect_one("value -2147011095 seen", "-2147011095", 13801, Form::HresultDecimal, Confidence::Certain);
  expect_one("value 2147956201 seen", "2147956201", 13801, Form::HresultDecimal, Confidence::Certain);
  expect_one("status 0xC0360001", "0xC0360001", 0xC0360001u, Form::Hex, Confidence::Certain);
  expect_one("hr 0x80320003", "0x80320003", 0x80320003u, Form::Hresult, Confidence::Certain);
  expect_none("sha 800735E9 without context");
}

TEST_CASE("plain decimals need error context") {
  expect_one("The error code returned on failure is 13801.", "13801", 13801, Form::Decimal, Confidence::Certain);
  expect_one("Error: 13868", "13868", 13868, Form::Decimal, Confidence::Certain);
  expect_one("failed with 13806", "13806", 13806, Form::Decimal, Confidence::Certain);
  expect_one("ErrorCode = 13801", "13801", 13801, Form::Decimal, Confidence::Certain);
  expect_one("Win32 error 13801", "13801", 13801, Form::Decimal, Confidence::Certain);
  expect_one("reason 13825", "13825", 13825, Form::Decimal, Confidence::Certain);
  auto h = hits("#define ERROR_IPSEC_IKE_AUTH_FAIL 13801L");
  REQUIRE(h.size() == 2);
  CHECK(h[1].token == "13801");  // the C suffix L is not part of the range
  CHECK(h[1].conf == Confidence::Certain);
  expect_none("we saw 13801 of them");
  expect_none("13801");
}

TEST_CASE("a catalog name on the same or previous line gives a decimal context") {
  auto h = hits("ERROR_IPSEC_IKE_NO_CERT = 13806");
  REQUIRE(h.size() == 2);
  CHECK(h[1].token == "13806");
  CHECK(h[1].conf == Confidence::Certain);
  h = hits("ERROR_IPSEC_IKE_NO_CERT\n    13806\n");
  REQUIRE(h.size() == 2);
  CHECK(h[1].token == "13806");
  h = hits("ERROR_IPSEC_IKE_NO_CERT\n\n13806\n");  // two lines away: no
  CHECK(h.size() == 1);
}

TEST_CASE("lists and decimal-hex pairs") {
  auto h = hits("error 13868/13825");
  REQUIRE(h.size() == 2);
  CHECK(h[1].token == "13825");
  CHECK(h[1].conf == Confidence::Certain);
  h = hits("errors 13801, 13806");
  REQUIRE(h.size() == 2);
  h = hits("got 13909 (0x3655) back");
  REQUIRE(h.size() == 2);
  CHECK(h[0].conf == Confidence::Certain);
  CHECK(h[1].conf == Confidence::Certain);
}

TEST_CASE("traps: never inside something longer") {
  expect_none("arXiv 2604.13806 preprint");
  expect_none("listening on host:13801");
  expect_none("error at address 0x1800735E9");
  expect_none("hash 0x3655F544CD30F0B5");
  expect_none("{6B29FC40-CA47-1067-B31D-00DD010662DA-13801}");
  expect_none("ip 10.13.80.1 and 192.168.13.801");
  expect_none("version 1.13801.2");
  expect_none("file error13801.log and error_13801x");
  expect_none("error 138010");
  expect_none("error 1380");
  expect_none("error 13950");  // unassigned value
  expect_none("error 0x35E9G");
  expect_none("status 12:13801");
}

TEST_CASE("words that say otherwise turn a finding off") {
  expect_none("error at offset 13801");
  expect_none("Error: Address 0x3655");
  expect_none("failed: port 13801");
  expect_none("status pid 13806");
  expect_none("error size 13806");
  expect_none("error 13806 bytes");
  expect_none("register 0x3655");
  expect_none("Connection from 192.0.2.13 port 13801 (pid 13806)");
}

TEST_CASE("finding offsets are byte offsets, also after multi-byte text") {
  std::string text = "日本語 😀 error 13801";
  auto f = scan(text, cat());
  REQUIRE(f.size() == 1);
  CHECK(text.substr(f[0].begin, f[0].end - f[0].begin) == "13801");
}

TEST_CASE("scan_lines rescans only the lines it is given, reading the previous line for context") {
  std::string text = "ERROR_IPSEC_IKE_NO_CERT\n13806\nerror 13801\n";
  std::vector<Finding> out;
  scan_lines(text, 24, 30, Catalog::embedded(), out);  // just line 2
  REQUIRE(out.size() == 1);
  CHECK(out[0].entry->value == 13806);
  CHECK(out[0].confidence == Confidence::Certain);
}

TEST_CASE("invalid UTF-8 and NUL bytes do not disturb the scan") {
  std::string text("\xff\xfe error 13801 \0 \xc3", 19);
  auto f = scan(text, cat());
  REQUIRE(f.size() == 1);
  CHECK(f[0].entry->value == 13801);
}
