// The logic of semantic tokens apart from LSP: which words are status words, which findings
// become tokens with which type and modifier, the integer encoding in each position encoding,
// and the delta edits. Over the wire: tests/e2e/test_semantic_tokens.cpp.
#include <catch2/catch.hpp>

#include <bit>
#include <cctype>
#include <random>
#include <string>
#include <vector>

#include "features/features.h"
#include "features/policy.h"

using namespace winerr;

namespace {
const Catalog& cat() { return Catalog::embedded(); }

Document open_doc(const std::string& text, const std::string& language = "log") {
  Document d("file:///t.log", 1, text, language);
  d.set_scan(scan_verdicts(d.text(), cat()));
  return d;
}

// A token as the tests write it: its text, type and modifiers.
struct Tok {
  std::string text;
  std::uint32_t type, modifiers;
  bool operator==(const Tok&) const = default;
};
std::ostream& operator<<(std::ostream& o, const Tok& t) { return o << "{" << t.text << " " << t.type << " " << t.modifiers << "}"; }

std::vector<Tok> toks(std::string_view text, const std::vector<SemanticToken>& list) {
  std::vector<Tok> out;
  for (const SemanticToken& t : list) out.push_back({std::string(text.substr(t.begin, t.end - t.begin)), t.type, t.modifiers});
  return out;
}
std::vector<Tok> words(std::string_view text) {
  std::vector<SemanticToken> out;
  add_status_markers(text, 0, text.size(), out);
  return toks(text, out);
}
std::vector<Tok> tokens(const Document& d, const Settings& s = {}, std::size_t begin = 0, std::size_t end = std::string::npos,
                        std::size_t max = kMaxSemanticTokens) {
  const Policy policy(s, cat());
  return toks(d.text(), semantic_token_list(d, d.findings(), policy, cat(), begin, end, true, max));
}

constexpr auto E = kTokenError, W = kTokenWarning, I = kTokenInformation, H = kTokenHint;
constexpr auto Num = kTokenNumber, Name = kTokenEnumMember, Key = kTokenKeyword;

// A plain reading of the rule, byte by byte, to hold the fast scan to.
std::vector<Tok> reference_words(std::string_view t) {
  auto word = [](unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; };
  std::vector<Tok> out;
  for (std::size_t i = 0; i < t.size();) {
    if (!word(static_cast<unsigned char>(t[i]))) { ++i; continue; }
    std::size_t j = i;
    while (j < t.size() && word(static_cast<unsigned char>(t[j]))) ++j;
    std::string w(t.substr(i, j - i));
    const bool bracketed = i > 0 && t[i - 1] == '[' && j < t.size() && t[j] == ']';
    std::string up = w;
    for (char& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const std::string& key = bracketed ? up : w;
    if (key == "ERROR" || key == "FAILED" || key == "FAIL" || key == "FAILURE") out.push_back({w, Key, E});
    else if (key == "WARNING" || key == "WARN") out.push_back({w, Key, W});
    i = j;
  }
  return out;
}
}  // namespace

TEST_CASE("semantic tokens: the legend's order is the type and modifier numbers the tokens carry") {
  const json legend = semantic_tokens_legend();
  CHECK(legend == json{{"tokenTypes", {"number", "enumMember", "keyword"}}, {"tokenModifiers", {"error", "warning", "information", "hint"}}});
  CHECK(legend["tokenTypes"][kTokenNumber] == "number");
  CHECK(legend["tokenTypes"][kTokenEnumMember] == "enumMember");
  CHECK(legend["tokenTypes"][kTokenKeyword] == "keyword");
  CHECK(legend["tokenModifiers"][std::countr_zero(kTokenError)] == "error");
  CHECK(legend["tokenModifiers"][std::countr_zero(kTokenWarning)] == "warning");
  CHECK(legend["tokenModifiers"][std::countr_zero(kTokenInformation)] == "information");
  CHECK(legend["tokenModifiers"][std::countr_zero(kTokenHint)] == "hint");
}

TEST_CASE("semantic tokens: status words are whole upper-case words, or any case alone in square brackets") {
  CHECK(words("2026-11-20 08:14:02 ERROR IKE: FAILED, WARN; WARNING! FAIL (FAILURE)") ==
        std::vector<Tok>{{"ERROR", Key, E}, {"FAILED", Key, E}, {"WARN", Key, W}, {"WARNING", Key, W}, {"FAIL", Key, E}, {"FAILURE", Key, E}});
  CHECK(words("[error] [Warn] [FAILED] [WaRnInG] <ERROR>") ==
        std::vector<Tok>{{"error", Key, E}, {"Warn", Key, W}, {"FAILED", Key, E}, {"WaRnInG", Key, W}, {"ERROR", Key, E}});
  // Prose, names, longer words and words glued to other letters are none of them.
  CHECK(words("failed with error 13801; Error; Warning from agent").empty());
  CHECK(words("ERROR_IPSEC_IKE_AUTH_FAIL WARNING_IPSEC_MM_POLICY_PRUNED E_FAIL ERRORS FAILOVER xERROR ERROR2 0xFAIL").empty());
  CHECK(words("\xc3\x89" "ERROR ERROR\xc3\xa9 [errors] [ error ] [error x] [warn").empty());
  // '-', '.', ':' and '=' end a word.
  CHECK(words("level=ERROR -WARN- ERROR:13801 FAIL.") ==
        std::vector<Tok>{{"ERROR", Key, E}, {"WARN", Key, W}, {"ERROR", Key, E}, {"FAIL", Key, E}});
}

TEST_CASE("semantic tokens: the fast scan finds what a byte-by-byte reading finds, at every offset and in random text") {
  // Each word at every offset from 0 to 40, so it starts in, straddles and ends past each
  // 16-byte block and falls in the tail the blocks leave.
  for (const std::string w : {"ERROR", "[error]", "FAILURE", "xWARN", "[", "WARN]"}) {
    for (std::size_t at = 0; at <= 40; ++at) {
      for (std::size_t after : {0, 1, 3, 17}) {
        const std::string text = std::string(at, ' ') + w + std::string(after, ' ');
        INFO(w << " at " << at << " + " << after);
        CHECK(words(text) == reference_words(text));
      }
    }
  }
  std::mt19937 rng(11);
  const std::string alphabet = "ERORFAILWNGUDerowarn[]_ x9\n\xc3\xa9";
  for (int n = 0; n < 20000; ++n) {
    std::string text(rng() % 70, ' ');
    for (char& c : text) c = alphabet[rng() % alphabet.size()];
    // Plant a whole status word now and then, so that matches are not rare.
    if (n % 3 == 0 && !text.empty()) text.insert(rng() % text.size(), n % 2 ? " WARN " : "[error]");
    INFO(json(text).dump(-1, ' ', false, json::error_handler_t::replace));
    REQUIRE(words(text) == reference_words(text));
  }
}

TEST_CASE("semantic tokens: status words that start in the bytes asked for, judged by the whole text, at most max") {
  const std::string text = "xERROR ERROR [warn] FAILED";
  std::vector<SemanticToken> out;
  add_status_markers(text, 1, text.size(), out);  // from inside xERROR: no word starts there
  CHECK(toks(text, out) == std::vector<Tok>{{"ERROR", Key, E}, {"warn", Key, W}, {"FAILED", Key, E}});
  out.clear();
  add_status_markers(text, 14, 23, out);  // from inside [warn] (its word began before) into FAILED
  CHECK(toks(text, out) == std::vector<Tok>{{"FAILED", Key, E}});
  out.clear();
  add_status_markers(text, 13, 23, out);  // from the '[' on: "warn" starts there and is read whole
  CHECK(toks(text, out) == std::vector<Tok>{{"warn", Key, W}, {"FAILED", Key, E}});
  out.clear();
  add_status_markers(text, 0, text.size(), out, 2);
  CHECK(out.size() == 2);
}

TEST_CASE("semantic tokens: a log's shown codes by spelling and severity, and its status words, in order") {
  const Document d = open_doc(
      "2026-11-20 ERROR RasClient: The error code returned on failure is 13801.\n"
      "IKEEXT: IKE negotiation ended with status 0x3655\n"
      "Peer failed with Windows error 13801(ERROR_IPSEC_IKE_AUTH_FAIL): IKE authentication credentials are unacceptable\n"
      "[warn] policy agent: WARNING_IPSEC_MM_POLICY_PRUNED\n"
      "value 0x35E9 seen\n");
  CHECK(tokens(d) == std::vector<Tok>{{"ERROR", Key, E},
                                      {"13801", Num, E},
                                      {"0x3655", Num, I},  // a range marker: information, as its diagnostic
                                      {"13801", Num, E},
                                      {"ERROR_IPSEC_IKE_AUTH_FAIL", Name, E},  // the same mention: coloured alike
                                      {"warn", Key, W},
                                      {"WARNING_IPSEC_MM_POLICY_PRUNED", Name, W},
                                      {"0x35E9", Num, H}});  // a bare hex: possible, a hint
}

TEST_CASE("semantic tokens: what the diagnostics hide gets no token — ignored codes, severity off, hidden forms, suppressed lines") {
  const Document d = open_doc(
      "error 13801 then error 13806\n"
      "error 13868  # winerr-ignore\n"
      "error 13801 (ERROR_IPSEC_IKE_AUTH_FAIL)\n"
      "value 0x35E9 seen\n");
  Settings s;
  s.ignore = {"0x35EE"};                               // 13806
  s.severity.codes = {{"ERROR_IPSEC_IKE_AUTH_FAIL", Severity::Warning}};
  s.forms = {Form::Decimal, Form::Hex};                // no names
  s.show_possible = false;                             // no bare 0x35E9
  CHECK(tokens(d, s) == std::vector<Tok>{{"13801", Num, W}, {"13801", Num, W}});
  Settings off;
  off.severity.fallback = Severity::Off;
  CHECK(tokens(d, off).empty());
}

TEST_CASE("semantic tokens: none in scripts, source or markdown, and none for an empty range") {
  const std::string text = "ERROR if ($r -eq 13801) { exit 1 }  # ERROR_IPSEC_IKE_AUTH_FAIL\n";
  CHECK(tokens(open_doc(text, "powershell")).empty());
  CHECK(tokens(open_doc(text, "c")).empty());
  CHECK(tokens(open_doc(text, "markdown")).empty());
  CHECK(tokens(open_doc(text, "plaintext")).size() == 3);
  CHECK(tokens(open_doc(text, "")).size() == 3);  // no languageId: a log
  CHECK(tokens(open_doc(text, "log"), {}, 10, 10).empty());
}

TEST_CASE("semantic tokens: a range holds the tokens that overlap it, judged as in the whole document") {
  const Document d = open_doc(
      "ERROR error 13801\n"
      "error 13801(ERROR_IPSEC_IKE_AUTH_FAIL) WARN\n"
      "error 13806\n");
  const std::size_t line1 = d.text().find('\n') + 1, name = d.text().find("ERROR_IPSEC");
  // Line 1 alone.
  CHECK(tokens(d, {}, line1, d.text().find('\n', line1)) ==
        std::vector<Tok>{{"13801", Num, E}, {"ERROR_IPSEC_IKE_AUTH_FAIL", Name, E}, {"WARN", Key, W}});
  // From inside the name: it overlaps, and it is still the second spelling of its mention.
  CHECK(tokens(d, {}, name + 3, name + 4) == std::vector<Tok>{{"ERROR_IPSEC_IKE_AUTH_FAIL", Name, E}});
  // From inside the first ERROR to inside 13801: both, read whole.
  CHECK(tokens(d, {}, 2, 14) == std::vector<Tok>{{"ERROR", Key, E}, {"13801", Num, E}});
  // The cap: the first tokens in document order.
  CHECK(tokens(d, {}, 0, std::string::npos, 3) == std::vector<Tok>{{"ERROR", Key, E}, {"13801", Num, E}, {"13801", Num, E}});
  CHECK(tokens(d, {}, 0, std::string::npos, 0).empty());
}

TEST_CASE("semantic tokens: the encoding counts UTF-16 units by default and bytes in UTF-8, relative to the token before") {
  // An emoji (4 bytes, 2 UTF-16 units) and an e-acute (2 bytes, 1 unit) before the codes.
  const Document d = open_doc(
      "ERROR \xF0\x9F\x98\x80 error 13801 caf\xC3\xA9 FAIL\r\n"
      "\r\n"
      "  error 0x35E9\n");
  const Policy policy(Settings{}, cat());
  const auto list = semantic_token_list(d, d.findings(), policy, cat(), 0, d.text().size());
  REQUIRE(list.size() == 4);
  CHECK(encode_semantic_tokens(d.text(), d.lines(), list, PositionEncoding::Utf16) ==
        std::vector<std::uint32_t>{0, 0, 5, Key, E,     // ERROR
                                   0, 15, 5, Num, E,    // 13801 at 15: "ERROR " 6 + emoji 2 + " error " 7
                                   0, 11, 4, Key, E,    // FAIL at 26: "13801 café " 11
                                   2, 8, 6, Num, E});   // two lines down (CRLF, an empty line), at 8
  CHECK(encode_semantic_tokens(d.text(), d.lines(), list, PositionEncoding::Utf8) ==
        std::vector<std::uint32_t>{0, 0, 5, Key, E, 0, 17, 5, Num, E, 0, 12, 4, Key, E, 2, 8, 6, Num, E});
  CHECK(encode_semantic_tokens(d.text(), d.lines(), list, PositionEncoding::Utf32) ==
        std::vector<std::uint32_t>{0, 0, 5, Key, E, 0, 14, 5, Num, E, 0, 11, 4, Key, E, 2, 8, 6, Num, E});
}

TEST_CASE("semantic tokens: the encoding skips empty, overlapping and multi-line tokens") {
  const std::string text = "ERROR one\nWARN two\n";
  const LineIndex lines(text);
  const std::vector<SemanticToken> list = {
      {0, 5, Key, E},    // ERROR
      {3, 7, Key, E},    // overlaps ERROR
      {6, 6, Key, E},    // empty
      {6, 12, Key, E},   // "one\nWA": two lines
      {10, 14, Key, W},  // WARN
      {15, 99, Key, W},  // past the end
  };
  CHECK(encode_semantic_tokens(text, lines, list, PositionEncoding::Utf16) == std::vector<std::uint32_t>{0, 0, 5, Key, E, 1, 0, 4, Key, W});
}

namespace {
// Applies SemanticTokensEdit[] as a client does.
std::vector<std::uint32_t> apply(std::vector<std::uint32_t> v, const json& edits) {
  for (const json& e : edits) {
    const auto start = e["start"].get<std::size_t>(), count = e["deleteCount"].get<std::size_t>();
    const auto data = e["data"].get<std::vector<std::uint32_t>>();
    v.erase(v.begin() + static_cast<std::ptrdiff_t>(start), v.begin() + static_cast<std::ptrdiff_t>(start + count));
    v.insert(v.begin() + static_cast<std::ptrdiff_t>(start), data.begin(), data.end());
  }
  return v;
}
using U = std::vector<std::uint32_t>;
}  // namespace

TEST_CASE("semantic tokens: a delta is no edit for equal data, else one edit between the common prefix and suffix") {
  CHECK(semantic_tokens_edits(U{1, 2, 3}, U{1, 2, 3}) == json::array());
  CHECK(semantic_tokens_edits(U{}, U{}) == json::array());
  CHECK(semantic_tokens_edits(U{1, 2, 3, 4, 5}, U{1, 2, 9, 9, 4, 5}) == json::array({{{"start", 2}, {"deleteCount", 1}, {"data", {9, 9}}}}));
  CHECK(semantic_tokens_edits(U{}, U{7, 8}) == json::array({{{"start", 0}, {"deleteCount", 0}, {"data", {7, 8}}}}));
  CHECK(semantic_tokens_edits(U{7, 8}, U{}) == json::array({{{"start", 0}, {"deleteCount", 2}, {"data", json::array()}}}));
  // The suffix never reaches into the prefix: [1,1,1] -> [1,1] deletes the last one.
  CHECK(semantic_tokens_edits(U{1, 1, 1}, U{1, 1}) == json::array({{{"start", 2}, {"deleteCount", 1}, {"data", json::array()}}}));
  CHECK(semantic_tokens_edits(U{1, 1}, U{1, 1, 1}) == json::array({{{"start", 2}, {"deleteCount", 0}, {"data", {1}}}}));
  std::mt19937 rng(7);
  for (int n = 0; n < 5000; ++n) {
    U a(rng() % 12), b;
    for (auto& x : a) x = static_cast<std::uint32_t>(rng() % 3);
    b = a;
    // A random splice, as an edit of the document makes.
    const std::size_t at = b.empty() ? 0 : rng() % (b.size() + 1), del = at < b.size() ? rng() % (b.size() - at + 1) : 0;
    b.erase(b.begin() + static_cast<std::ptrdiff_t>(at), b.begin() + static_cast<std::ptrdiff_t>(at + del));
    for (std::size_t k = rng() % 4; k > 0; --k) b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), static_cast<std::uint32_t>(rng() % 3));
    const json edits = semantic_tokens_edits(a, b);
    REQUIRE(apply(a, edits) == b);
    REQUIRE(edits.size() <= 1);
    if (!edits.empty()) REQUIRE(edits[0]["deleteCount"].get<std::size_t>() <= a.size());
  }
}

TEST_CASE("semantic tokens: visible findings of a part are the whole document's") {
  // Three spellings of one mention, then more: every part, cut anywhere, shows what the whole shows.
  const Document d = open_doc(
      "error 13801 (0x35E9) ERROR_IPSEC_IKE_AUTH_FAIL\n"
      "error 13806 (ERROR_IPSEC_IKE_NO_CERT)\n"
      "error 13801  # winerr-ignore\n"
      "error 0x35EE\n");
  const Policy policy(Settings{}, cat());
  const auto whole = visible_findings(d, d.findings(), policy, cat());
  for (std::size_t first = 0; first <= d.findings().size(); ++first)
    for (std::size_t last = first; last <= d.findings().size(); ++last) {
      std::vector<const Finding*> want;
      for (const Visible& v : whole) {
        const auto i = static_cast<std::size_t>(v.finding - d.findings().data());
        if (i >= first && i < last) want.push_back(v.finding);
      }
      std::vector<const Finding*> got;
      for (const Visible& v : visible_findings(d, d.findings(), policy, cat(), first, last, 1000)) got.push_back(v.finding);
      INFO(first << ".." << last);
      CHECK(got == want);
    }
  CHECK(visible_findings(d, d.findings(), policy, cat(), 0, 99, 2).size() == 2);
}
