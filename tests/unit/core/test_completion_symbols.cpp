// The logic of completion (the typed word, which names it offers in which order, Markdown that
// renders as itself) and of workspace/symbol (which codes answer a query), apart from LSP.
// Over the wire: tests/e2e/test_completion_symbols.cpp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "features/features.h"
#include "usercatalog/user_catalog.h"

using namespace winerr;

namespace {
std::vector<std::string> names(const std::vector<const Entry*>& entries) {
  std::vector<std::string> out;
  for (const Entry* e : entries) out.emplace_back(e->name);
  return out;
}
std::vector<std::string> offered(std::string_view word, const Catalog& catalog = Catalog::embedded()) {
  return names(completion_matches(catalog, word, kMaxCompletions));
}
const Entry& win32(std::uint32_t value) { return *Catalog::embedded().find(Family::Win32, value); }
}  // namespace

TEST_CASE("completion: the typed word is the letters, digits and '_' that end at the cursor") {
  const std::string line = "if ($r -eq ERROR_IPSEC_IKE) { exit 1 }";
  const std::size_t end = line.find(')');
  CHECK(completion_word_start(line, end) == line.find("ERROR"));
  CHECK(completion_word_start(line, line.find("IKE") + 1) == line.find("ERROR"));  // mid-word: the part before the cursor
  CHECK(completion_word_start(line, line.find('(')) == line.find('('));           // after a space: no word
  CHECK(completion_word_start(line, 0) == 0);
  CHECK(completion_word_start("x = ERR", 1000) == 4);                              // past the end: the end
  // A byte of a UTF-8 sequence is no word character, whatever the locale.
  CHECK(completion_word_start("\xc3\xa9" "ERR", 5) == 2);
  CHECK(completion_word_start("$e.ERROR_1x_", 12) == 3);
}

TEST_CASE("completion: names that start with the word, then names holding every typed part, each by code") {
  // Prefix matches (13849, 13868) come before the part matches, though 13825 is smaller.
  CHECK(offered("ERROR_IPSEC_IKE_POLICY") ==
        std::vector<std::string>{"ERROR_IPSEC_IKE_POLICY_CHANGE", "ERROR_IPSEC_IKE_POLICY_MATCH", "ERROR_IPSEC_IKE_NO_POLICY",
                                 "ERROR_IPSEC_IKE_NO_MM_POLICY", "ERROR_IPSEC_IKE_INVALID_POLICY",
                                 "ERROR_IPSEC_IKE_CERT_CHAIN_POLICY_MISMATCH"});
  // Case-insensitive; the typed parts in any order, each the start of a part of the name.
  CHECK(offered("error_ipsec_ike_policy") == offered("ERROR_IPSEC_IKE_POLICY"));
  CHECK(offered("ERROR_CERT_NO") == std::vector<std::string>{"ERROR_IPSEC_IKE_NO_CERT", "ERROR_IPSEC_IKE_NO_PEER_CERT"});
  CHECK(offered("WARN") == std::vector<std::string>{"WARNING_IPSEC_MM_POLICY_PRUNED", "WARNING_IPSEC_QM_POLICY_PRUNED"});
  // A trailing '_' is no part: every ERROR_IPSEC_DOSP_ name, by code.
  const auto dosp = offered("ERROR_IPSEC_DOSP_");
  REQUIRE(dosp.size() == 8);
  CHECK(dosp.front() == "ERROR_IPSEC_DOSP_BLOCK");
  CHECK(dosp.back() == "ERROR_IPSEC_DOSP_MAX_PER_IP_RATELIMIT_QUEUES");
}

TEST_CASE("completion: every catalog family's names, ordered by family and value") {
  const auto status = completion_matches(Catalog::embedded(), "STATUS_IPSEC", kMaxCompletions);
  REQUIRE(status.size() == 17);
  CHECK(std::is_sorted(status.begin(), status.end(), [](const Entry* a, const Entry* b) { return key_of(*a) < key_of(*b); }));
  CHECK(status.front()->name == "STATUS_IPSEC_QUEUE_OVERFLOW");  // 0xC000A010, below the 0xC036… block
  CHECK(completion_matches(Catalog::embedded(), "fwp_e_", kMaxCompletions).size() == 69);
  // Every Win32 name that starts with ERROR_, and nothing else, for "err".
  const auto err = completion_matches(Catalog::embedded(), "err", kMaxCompletions);
  const auto errors = std::count_if(Catalog::embedded().entries().begin(), Catalog::embedded().entries().end(),
                                    [](const Entry& e) { return e.name.starts_with("ERROR_"); });
  CHECK(err.size() == static_cast<std::size_t>(errors));
  CHECK(std::all_of(err.begin(), err.end(), [](const Entry* e) { return e->name.starts_with("ERROR_"); }));
}

TEST_CASE("completion: nothing for a word under three characters or one that does not begin like a name") {
  CHECK(offered("").empty());
  CHECK(offered("ER").empty());
  CHECK(offered("IKE_CERT").empty());  // a name's parts, but not its start
  CHECK(offered("result").empty());
  CHECK(offered("ERRORS").empty());
  CHECK(offered("ERROR_IPSEC_IKE_NO_SUCH_THING").empty());
}

TEST_CASE("completion: the cap keeps the first names in order and says it cut") {
  bool capped = false;
  const auto five = completion_matches(Catalog::embedded(), "ERROR", 5, &capped);
  CHECK(capped);
  CHECK(names(five) == std::vector<std::string>{"ERROR_IPSEC_QM_POLICY_EXISTS", "ERROR_IPSEC_QM_POLICY_NOT_FOUND",
                                                "ERROR_IPSEC_QM_POLICY_IN_USE", "ERROR_IPSEC_MM_POLICY_EXISTS",
                                                "ERROR_IPSEC_MM_POLICY_NOT_FOUND"});
  completion_matches(Catalog::embedded(), "ERROR", kMaxCompletions, &capped);
  CHECK_FALSE(capped);
}

TEST_CASE("completion: a team catalog's names are offered, by code among the embedded ones") {
  const auto team = load_user_catalog_text(
      R"({"version": 1, "entries": [{"value": 13999, "name": "ERROR_TEAM_VPN_GATEWAY", "message": "The gateway refused."},
                                    {"value": 12999, "name": "ERROR_TEAM_IKE_RETRY", "message": "Retried."}]})",
      "team.json", Catalog::embedded());
  REQUIRE(team.catalog);
  CHECK(offered("ERROR_TEAM", *team.catalog) == std::vector<std::string>{"ERROR_TEAM_IKE_RETRY", "ERROR_TEAM_VPN_GATEWAY"});
  // By its parts too, and by code among the embedded names: 12999 before 13907, though the
  // team's entry comes last in the catalog. The embedded catalog (another folder's) knows neither.
  CHECK(offered("ERROR_IKE_RETR", *team.catalog) ==
        std::vector<std::string>{"ERROR_TEAM_IKE_RETRY", "ERROR_IPSEC_IKE_AUTHORIZATION_FAILURE_WITH_OPTIONAL_RETRY"});
  CHECK(offered("ERROR_TEAM").empty());
}

TEST_CASE("completion: markdown_literal escapes what Markdown would read as markup") {
  CHECK(markdown_literal("IKE authentication credentials are unacceptable") == "IKE authentication credentials are unacceptable");
  CHECK(markdown_literal("ISAKMP/ERROR_IPSEC_IKE service") == "ISAKMP/ERROR\\_IPSEC\\_IKE service");
  CHECK(markdown_literal("a *b* `c` [d](e) <f> ~g~ h|i & j \\") == "a \\*b\\* \\`c\\` \\[d\\](e) \\<f\\> \\~g\\~ h\\|i \\& j \\\\");
  // Line-start markup only where a line starts; a hyphen inside a word stays as it is.
  CHECK(markdown_literal("# not a heading\n- not a list\n  + nor this\nDiffie-Hellman 1+1") ==
        "\\# not a heading\n\\- not a list\n  \\+ nor this\nDiffie-Hellman 1+1");
}

TEST_CASE("workspace symbols: a query matches by part of the name, case-insensitive") {
  const Catalog& c = Catalog::embedded();
  CHECK(SymbolQuery("auth_fail").matches(win32(13801), c));
  CHECK(SymbolQuery("  ERROR_IPSEC_IKE_AUTH_FAIL  ").matches(win32(13801), c));
  CHECK_FALSE(SymbolQuery("auth_fail").matches(win32(13806), c));
  // Empty (or blank): everything.
  CHECK(SymbolQuery("").matches(win32(13806), c));
  CHECK(SymbolQuery(" \t").matches(win32(13806), c));
}

TEST_CASE("workspace symbols: a query matches by any whole spelling of the number") {
  const Catalog& c = Catalog::embedded();
  for (const char* q : {"13801", "0x35E9", "0x35e9", "0x000035E9", "0x800735E9", "-2147011095", "2147956201"}) {
    INFO(q);
    CHECK(SymbolQuery(q).matches(win32(13801), c));
    CHECK_FALSE(SymbolQuery(q).matches(win32(13806), c));
  }
  // Part of a number is no spelling of it (and no word of the text).
  CHECK_FALSE(SymbolQuery("1380").matches(win32(13801), c));
  const Entry& bad_spi = *c.find(Family::NtStatus, 0xC0360001);
  CHECK(SymbolQuery("0xC0360001").matches(bad_spi, c));
  CHECK(SymbolQuery("-1070202879").matches(bad_spi, c));
  // The alias of 13889 is a spelling of it too.
  CHECK(SymbolQuery("ERROR_IPSEC_IKE_INVALID_UMATTS").matches(win32(13889), c));
}

TEST_CASE("workspace symbols: a query matches when every word of it is in the official text") {
  const Catalog& c = Catalog::embedded();
  // 13801: "IKE authentication credentials are unacceptable"
  CHECK(SymbolQuery("credentials").matches(win32(13801), c));
  CHECK(SymbolQuery("UNACCEPTABLE  authentication").matches(win32(13801), c));
  CHECK(SymbolQuery("auth cred").matches(win32(13801), c));
  CHECK_FALSE(SymbolQuery("credentials certificate").matches(win32(13801), c));
  // 13806: "IKE failed to find valid machine certificate. …"
  CHECK(SymbolQuery("machine certificate").matches(win32(13806), c));
  CHECK_FALSE(SymbolQuery("machine certificate").matches(win32(13801), c));
}
