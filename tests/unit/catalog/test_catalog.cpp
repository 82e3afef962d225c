// Catalog lookups: by value, by name, by HRESULT/NTSTATUS, aliases, text search.
#include <catch2/catch.hpp>

#include "catalog.h"

using namespace winerr;

TEST_CASE("catalog: lookups by value, name, HRESULT, alias") {
  const Catalog& c = Catalog::embedded();
  const Entry* e = c.find(Family::Win32, 13801);
  REQUIRE(e);
  CHECK(e->name == "ERROR_IPSEC_IKE_AUTH_FAIL");
  CHECK(e->hresult() == 0x800735E9u);
  CHECK(c.find_name("ERROR_IPSEC_IKE_AUTH_FAIL") == e);
  CHECK(c.find_status32(0x800735E9u) == e);
  CHECK(c.find_name("ERROR_IPSEC_IKE_INVALID_UMATTS")->value == 13889);
  CHECK(c.find_name("ERROR_IPSEC_IKE") == nullptr);
  CHECK(c.find(Family::Win32, 13950) == nullptr);
  CHECK(c.find(Family::Win32, 13909)->range_marker);
  CHECK(c.find(Family::Win32, 13909)->kind() == Kind::RangeMarker);
  CHECK(c.find(Family::Win32, 13025)->kind() == Kind::Warning);
  CHECK(c.find_status32(0xC0360001u)->name == "STATUS_IPSEC_BAD_SPI");
  CHECK(c.find_status32(0xC0360001u)->counterpart == 13910);
  // The DoS-protection numbering break: 0xC0368006 pairs with 13932, not 13931.
  CHECK(c.find_status32(0xC0368006u)->counterpart == 13932);
  CHECK(c.find_status32(0x80320003u)->name == "FWP_E_FILTER_NOT_FOUND");
}

TEST_CASE("catalog: text search finds codes by words of their text") {
  auto hits = Catalog::embedded().search_text("credentials are unacceptable");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0]->value == 13801);
  CHECK(Catalog::embedded().search_text("Negotiation request sat in Queue too long").size() == 4);
  CHECK(Catalog::embedded().search_text("zzzz-nothing").empty());
}
