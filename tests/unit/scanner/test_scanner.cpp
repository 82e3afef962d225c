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

// Decimals: the judge's rules one by one. "IKE" in a text is IPsec evidence (scanner.h), so
// these texts carry it where the rule under test is not the document profile.
TEST_CASE("a decimal with an error word is certain in an IPsec document") {
  expect_one("IKE: The error code returned on failure is 13801.", "13801", 13801, Form::Decimal, Confidence::Certain);
  expect_one("IKE Error: 13868", "13868", 13868, Form::Decimal, Confidence::Certain);
  expect_one("IKE failed with 13806", "13806", 13806, Form::Decimal, Confidence::Certain);
  expect_one("VPN ErrorCode = 13801", "13801", 13801, Form::Decimal, Confidence::Certain);
  expect_one("IPsec: Win32 error 13801", "13801", 13801, Form::Decimal, Confidence::Certain);
  expect_one("L2TP reason 13825", "13825", 13825, Form::Decimal, Confidence::Certain);
  expect_none("IKE: we saw 13801 of them");
  expect_none("13801");
}

TEST_CASE("the sentence, not a three-word window, is the scope of an error word") {
  expect_one("The most frequent VPN failure we saw with machine certificates was 13806", "13806", 13806, Form::Decimal,
             Confidence::Certain);
  auto h = hits("IKEv2 clients: error codes such as 809, 13801, 13806 and 13868");
  REQUIRE(h.size() == 3);
  for (auto& x : h) CHECK(x.conf == Confidence::Certain);
  // A sentence ends at . ; ! ? | and the line's end.
  expect_none("IKE failed. Then we deleted filter 13806");
  expect_none("IKE failed; deleting 13806");
  expect_none("IKE error\n13806 entries");
  // The nearest classified word wins: a quantity word nearer than the error word.
  expect_none("IKE error while retrying, timeout 13806");
  // With nothing before it, an error word after it in the sentence speaks; code words
  // (return, rc) after it do not, nor a word that is a key of its own.
  expect_one("IKE log: the 13801 authentication failure again", "13801", 13801, Form::Decimal, Confidence::Certain);
  expect_one("VPN notes: 13801 is defined in the winerror.h file", "13801", 13801, Form::Decimal, Confidence::Certain);
  expect_none("// VPN\nif (x == 13806) return;");
  expect_none("IKE: 13806 items, status: ok");
}

TEST_CASE("new spellings: a slug, a name glued to its number, a quoted label, the code's own text") {
  expect_one("VPN: see what-is-causing-error-13801", "13801", 13801, Form::Decimal, Confidence::Certain);
  auto h = hits("ERROR_IPSEC_IKE_INVALID_PAYLOAD13843");
  REQUIRE(h.size() == 2);
  CHECK(h[0].token == "ERROR_IPSEC_IKE_INVALID_PAYLOAD");
  CHECK(h[1].token == "13843");
  CHECK(h[1].conf == Confidence::Certain);
  h = hits("\"text\": \"13825/13868 IkePolicyMismatch\"");
  REQUIRE(h.size() == 2);
  for (auto& x : h) CHECK(x.conf == Confidence::Certain);  // Ike in the label is IPsec evidence
  expect_one("\"13806 NoMachineCert\"", "13806", 13806, Form::Decimal, Confidence::Possible);
  expect_one("13806: IKE failed to find valid machine certificate", "13806", 13806, Form::Decimal, Confidence::Certain);
  // A Rust or TypeScript constant: the name before the type owns the value.
  h = hits("pub const IKE_NEG_STATUS_ERROR_BEGIN: DWORD = 13800;");
  REQUIRE(h.size() == 1);
  CHECK(h[0].token == "13800");
  CHECK(h[0].conf == Confidence::Certain);
}

TEST_CASE("a key owns its value, and only its own key decides") {
  // A quantity key on a line that also carries an error key.
  auto h = hits("ike status=0x35E9 retry_delay_ms=13806 rx_bytes=13868 backoffMs=13801 sessionCount=13825");
  REQUIRE(h.size() == 1);
  CHECK(h[0].token == "0x35E9");
  h = hits("ike lastErrorCode=13806 hr: 13801 \"ikeStatus\": 13868 retry.delay.ms=13825");
  REQUIRE(h.size() == 3);
  for (auto& x : h) CHECK(x.conf == Confidence::Certain);
  // A neutral key glued to its value owns it too: a port, not a code.
  expect_none("IKE listening on host:13801");
  expect_none("IKE foo=13806");
  expect_one("IKE error:13801", "13801", 13801, Form::Decimal, Confidence::Certain);
  // "Known failures: 13806" is prose: a neutral key before ": " does not own the value.
  expect_one("IKE known failures: 13806", "13806", 13806, Form::Decimal, Confidence::Certain);
}

TEST_CASE("a catalog name labels the numbers beside it, not the whole line or the next one") {
  auto h = hits("ERROR_IPSEC_IKE_NO_CERT = 13806");
  REQUIRE(h.size() == 2);
  CHECK(h[1].token == "13806");
  CHECK(h[1].conf == Confidence::Certain);
  h = hits("13801(ERROR_IPSEC_IKE_AUTH_FAIL)");
  REQUIRE(h.size() == 2);
  CHECK(h[0].conf == Confidence::Certain);
  // Elsewhere on the line, or on the previous line, a name says nothing of other numbers.
  h = hits("ERROR_IPSEC_IKE_NO_CERT seen while deleting filter 13825");
  CHECK(h.size() == 1);
  h = hits("ERROR_IPSEC_IKE_NO_CERT\n    13806\n");
  CHECK(h.size() == 1);
  // … but a name of the same code on the line labels it wherever it is.
  h = hits("ERROR_IPSEC_IKE_NO_CERT: seen as 13806 in the trace");
  REQUIRE(h.size() == 2);
  CHECK(h[1].conf == Confidence::Certain);
  // 499 of 500 bare hex ids after WARNING_… lines became errors: they stay possible.
  h = hits("WARNING_IPSEC_MM_POLICY_PRUNED\nid 0x3655 done\nobject 0x35E9\n");
  REQUIRE(h.size() == 2);
  CHECK(h[1].conf == Confidence::Possible);
}

TEST_CASE("comparisons and returns are decided by their operand") {
  expect_one("# IKEv2\nif ($LASTEXITCODE -eq 13806) { Write-Host 'no cert' }", "13806", 13806, Form::Decimal, Confidence::Certain);
  expect_one("// VPN\nif (rc == 13806) return;", "13806", 13806, Form::Decimal, Confidence::Certain);
  expect_one("// VPN\nreturn 13806;", "13806", 13806, Form::Decimal, Confidence::Certain);
  expect_none("// VPN\nif (count == 13806) return;");
  expect_none("// VPN\nif (x == 13806) return;");
}

TEST_CASE("a table whose keys are IPsec codes makes every key a code") {
  auto h = hits("switch (code) {\ncase 13801:\ncase 13806:\n  return L\"cert\";\ncase 13868:\n  break;\n}");
  REQUIRE(h.size() == 3);
  for (auto& x : h) {
    CHECK(x.form == Form::Decimal);
    CHECK(x.conf == Confidence::Certain);
  }
  h = hits("{13801, L\"auth\"},\n{13806, L\"cert\"},\n{13825, L\"policy\"},\n");
  CHECK(h.size() == 3);
  // One key alone, or keys that are mostly other numbers (a table of primes), are no table of codes.
  expect_none("case 13806:\n  break;");
  expect_none("13037\n13043\n13049\n13063\n13093\n13099\n13103\n13109\n13801\n13806\n13825\n");
}

TEST_CASE("HRESULTs without 0x need an HRESULT or error word") {
  expect_one("(HRESULT: 800735E9)", "800735E9", 13801, Form::Hresult, Confidence::Certain);
  expect_one("hr 800735EE", "800735EE", 13806, Form::Hresult, Confidence::Certain);
  expect_none("sha 800735E9");
}

TEST_CASE("without IPsec evidence, a lone decimal with an error word is only possible") {
  // Another vendor's 13806: a hint, never an Error.
  expect_one("@error 13806 The phone line is busy", "13806", 13806, Form::Decimal, Confidence::Possible);
  expect_one("ERROR - 13806", "13806", 13806, Form::Decimal, Confidence::Possible);
  // Its other error numbers are outside 13000-13932: possible still.
  auto h = hits("error 1603\nerror 2203\nerror 13806\nerror 13801\nerror 1618\n");
  REQUIRE(h.size() == 2);
  for (auto& x : h) CHECK(x.conf == Confidence::Possible);
  // Two are not yet an IPsec document ("what 13004 and 13005 codes mean" in a Skype thread);
  // three in-family decimals and nothing else are.
  h = hits("error 13806\nerror 13801\n");
  REQUIRE(h.size() == 2);
  for (auto& x : h) CHECK(x.conf == Confidence::Possible);
  h = hits("error 13806\nerror 13801\nerror 13868\n");
  REQUIRE(h.size() == 3);
  for (auto& x : h) CHECK(x.conf == Confidence::Certain);
  // A document full of IKE evidence lifts it.
  expect_one("IKEEXT trace\nerror 13806", "13806", 13806, Form::Decimal, Confidence::Certain);
}

TEST_CASE("every finding says why") {
  auto why = [](std::string_view text) {
    auto f = scan(text, cat());
    REQUIRE(f.size() == 1);
    return explain_why(f[0], text);
  };
  CHECK(why("ike status=13806") == "found as a decimal: the key `status` owns it");
  CHECK(why("IKE failed with 13806") == "found as a decimal: the word `failed` before it in its sentence");
  CHECK(why("ERROR - 13806") == "possible: no IPsec context in this document");
  CHECK(why("table 0x35E9") == "possible: nothing around it says it is an error code");
  CHECK(why("0x800735E9") == "found as an HRESULT: the spelling alone says it");
  CHECK(why("IKE: the 13806 error") == "found as a decimal: the word `error` right after it");
}

TEST_CASE("lists and decimal-hex pairs") {
  auto h = hits("IKE error 13868/13825");
  REQUIRE(h.size() == 2);
  CHECK(h[1].token == "13825");
  CHECK(h[1].conf == Confidence::Certain);
  h = hits("IKE errors 13801, 13806");
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
  std::string text = "日本語 😀 IKE error 13801";
  auto f = scan(text, cat());
  REQUIRE(f.size() == 1);
  CHECK(text.substr(f[0].begin, f[0].end - f[0].begin) == "13801");
}

TEST_CASE("scan_lines judges each line from itself alone") {
  std::string text = "ERROR_IPSEC_IKE_NO_CERT\nstatus 13806\nerror 13801\n";
  ScanResult part, whole;
  scan_lines(text, 24, 36, Catalog::embedded(), part);  // just line 2
  scan_lines(text, 0, text.size(), Catalog::embedded(), whole);
  REQUIRE(part.judged.size() == 1);
  CHECK(part.judged[0].finding.entry->value == 13806);
  CHECK(part.judged[0].verdict == Verdict::NeedsIpsec);
  CHECK(part.profile.evidence == 0);  // the name is on line 1
  CHECK(whole.profile.evidence == 1);
  // "\r" alone ends a line, as "\n" does.
  auto f = scan("IKE\rerror 13801\rerror 13806", cat());
  REQUIRE(f.size() == 2);
}

TEST_CASE("invalid UTF-8 and NUL bytes do not disturb the scan") {
  std::string text("\xff\xfe error 13801 \0 \xc3 VPN", 23);
  auto f = scan(text, cat());
  REQUIRE(f.size() == 1);
  CHECK(f[0].entry->value == 13801);
}

// A big text is cut at line starts and scanned on several threads: the same verdicts, in the
// same order, and the same profile as one pass, wherever the cuts fall (LF, CRLF, lone CR).
TEST_CASE("a parallel scan gives exactly what one pass gives") {
  const Catalog& cat = Catalog::embedded();
  const char* lines[] = {
      "2026-11-20 IKEEXT: failure error code: 0x000035e9\r\n",
      "The error code returned on failure is 13801.\n",
      "status=13806 VPN tunnel\r",
      "noise 4242 port 13801 pid 13806\n",
      "ERROR_IPSEC_IKE_POLICY_MATCH (13868): no policy\r\n",
      "hr=0x800735E9, -2147011095\n",
  };
  std::string text;
  for (int i = 0; text.size() < (kParallelScanBytes * 3); ++i) text += lines[i % 6];
  const ScanResult one = scan_verdicts(text, cat, 1);
  REQUIRE(one.judged.size() > 1000);
  for (unsigned threads : {2u, 3u, 7u}) {
    INFO(threads << " threads");
    const auto cuts = split_at_lines(text, threads);
    CHECK(cuts.size() == threads + 1);
    for (std::size_t c : cuts) CHECK((c == 0 || c == text.size() || text[c - 1] == '\n' || (text[c - 1] == '\r' && text[c] != '\n')));
    const ScanResult many = scan_verdicts(text, cat, threads);
    CHECK(many.profile == one.profile);
    REQUIRE(many.judged.size() == one.judged.size());
    bool same = true;
    for (std::size_t i = 0; i < one.judged.size() && same; ++i) {
      const Finding &a = one.judged[i].finding, &b = many.judged[i].finding;
      same = a.begin == b.begin && a.end == b.end && a.entry == b.entry && a.why == b.why &&
             one.judged[i].verdict == many.judged[i].verdict;
    }
    CHECK(same);
  }
}
