// The embedded data against its own rules and against the facts: 153 codes, the quirks of
// the official texts kept byte for byte, every claim sourced, no two entries alike.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "catalog.h"

using namespace winerr;

TEST_CASE("catalog data: the 153 Win32 codes and 86 neighbours") {
  int win32 = 0, nt = 0, fwp = 0;
  for (auto& e : Catalog::embedded().entries())
    (e.family == Family::Win32 ? win32 : e.family == Family::NtStatus ? nt : fwp)++;
  CHECK(win32 == 153);
  CHECK(nt == 17);
  CHECK(fwp == 69);
}

TEST_CASE("catalog data: official texts kept byte for byte") {
  const Catalog& c = Catalog::embedded();
  CHECK(c.find(Family::Win32, 13801)->message == "IKE authentication credentials are unacceptable");  // no final period
  CHECK(c.find(Family::Win32, 13851)->message == "Failed to enabled TCB privilege.");
  CHECK(c.find(Family::Win32, 13907)->message.find(".  You") != std::string_view::npos);  // double space
  CHECK(c.find(Family::Win32, 13004)->message == "The specified main mode policy was not found");
  for (std::uint32_t m : {13800u, 13897u, 13909u}) CHECK(c.find(Family::Win32, m)->message == c.find(Family::Win32, m)->name);
}

TEST_CASE("catalog data: every code is explained, every claim has known sources") {
  const Catalog& c = Catalog::embedded();
  auto known = [&](std::string_view ids) {
    if (ids.empty()) return false;
    while (!ids.empty()) {
      auto comma = ids.find(',');
      if (!c.find_source(ids.substr(0, comma))) return false;
      if (comma == std::string_view::npos) break;
      ids.remove_prefix(comma + 1);
    }
    return true;
  };
  for (auto& e : c.entries()) {
    if (e.family != Family::Win32) continue;
    INFO(e.name);
    CHECK(!e.summary.empty());
    CHECK(!e.meaning.empty());
    CHECK(!e.where.empty());
    CHECK(!e.causes.empty());
    CHECK(!e.checks.empty());
    CHECK(known(e.summary.sources));
    CHECK(known(e.meaning.sources));
    CHECK(known(e.where.sources));
    for (auto& k : e.causes) CHECK(known(k.sources));
    for (auto& k : e.checks) CHECK(known(k.sources));
    for (auto& r : e.related) {
      CHECK(known(r.why.sources));
      CHECK(c.find(Family::Win32, r.value) != nullptr);
    }
    CHECK(c.find_source(e.message_source) != nullptr);
  }
}

TEST_CASE("catalog data: no two non-marker entries share a meaning or a list of checks") {
  // 13809-13812 and 13814/13815 have identical official texts and may share.
  auto group = [](std::uint32_t v) { return (v >= 13809 && v <= 13812) ? 1 : (v == 13814 || v == 13815) ? 2 : 0; };
  std::map<std::string, std::uint32_t> meanings, checks;
  for (auto& e : Catalog::embedded().entries()) {
    if (e.family != Family::Win32 || e.range_marker) continue;
    std::string ck;
    for (auto& k : e.checks) ck += std::string(k.text) + "\n";
    auto m = meanings.emplace(std::string(e.meaning.text), e.value);
    if (!m.second) CHECK((group(e.value) != 0 && group(e.value) == group(m.first->second)));
    auto k = checks.emplace(ck, e.value);
    if (!k.second) CHECK((group(e.value) != 0 && group(e.value) == group(k.first->second)));
  }
}

TEST_CASE("catalog data: range markers say what they are") {
  for (std::uint32_t m : {13800u, 13897u, 13909u}) {
    const Entry* e = Catalog::embedded().find(Family::Win32, m);
    INFO(e->name);
    CHECK(e->range_marker);
    std::string all = std::string(e->summary.text) + " " + std::string(e->meaning.text);
    CHECK((all.find("marker") != std::string::npos || all.find("bound") != std::string::npos));
  }
}
