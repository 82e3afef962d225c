// catalog.cpp — lookup over the generated tables (catalog_tables.inc) plus user additions.
#include "catalog.h"

#include <atomic>

#include <algorithm>
#include <cctype>

namespace winerr {
#include "catalog_tables.inc"

namespace {
std::uint64_t key(Family f, std::uint32_t v) { return (std::uint64_t(f) << 32) | v; }

// Old names still seen in logs. 13889 was ERROR_IPSEC_IKE_INVALID_UMATTS in the Vista-era
// MS-ERREF text before the SDK renamed it (catalog/SOURCES.tsv: MS-ERREF, CAT-SOURCES).
constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
    {"ERROR_IPSEC_IKE_INVALID_UMATTS", "ERROR_IPSEC_IKE_INVALID_AUTH_PAYLOAD"},
};

bool icontains(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return true;
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
  return it != hay.end();
}
}  // namespace

Kind Entry::kind() const {
  if (range_marker) return Kind::RangeMarker;
  if (name.rfind("WARNING_", 0) == 0) return Kind::Warning;
  return Kind::Error;
}

std::uint32_t Entry::hresult() const {
  switch (family) {
    case Family::Win32: return value <= 0xFFFF ? (0x80070000u | value) : 0;
    case Family::Fwp: return value;
    case Family::NtStatus: return 0;
  }
  return 0;
}

std::string_view to_string(Family f) {
  switch (f) {
    case Family::Win32: return "win32";
    case Family::NtStatus: return "ntstatus";
    case Family::Fwp: return "fwp";
  }
  return "";
}
std::string_view to_string(SubRange s) {
  switch (s) {
    case SubRange::PolicyStore: return "policy-store";
    case SubRange::IkeCore: return "ike-core";
    case SubRange::IkeExtended: return "ike-extended";
    case SubRange::KernelDrop: return "kernel-drop";
    case SubRange::DosProtection: return "dos-protection";
    case SubRange::None: return "";
  }
  return "";
}
std::string_view sub_range_title(SubRange s) {
  switch (s) {
    case SubRange::PolicyStore: return "IPsec policy store (13000-13025)";
    case SubRange::IkeCore: return "IKE/AuthIP negotiation status (13800-13897)";
    case SubRange::IkeExtended: return "IKE negotiation status, extended block (13898-13909)";
    case SubRange::KernelDrop: return "IPsec driver packet drops (13910-13918)";
    case SubRange::DosProtection: return "IPsec DoS Protection (13925-13932)";
    case SubRange::None: return "";
  }
  return "";
}
std::string_view to_string(Kind k) {
  switch (k) {
    case Kind::Error: return "error";
    case Kind::Warning: return "warning";
    case Kind::RangeMarker: return "range-marker";
  }
  return "";
}

const Catalog& Catalog::embedded() {
  static const Catalog instance = [] {
    Catalog c;
    c.entries_.assign(std::begin(gen::kEntries), std::end(gen::kEntries));
    c.reindex();
    return c;
  }();
  return instance;
}

std::uint64_t Catalog::FreshId::next() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}

void Catalog::reindex() {
  id_ = FreshId{};
  by_name_.clear();
  by_value_.clear();
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    by_name_[entries_[i].name] = i;
    by_value_[key(entries_[i].family, entries_[i].value)] = i;
  }
  auto add_alias_index = [&](std::string_view alias, std::string_view target) {
    auto it = by_name_.find(target);
    if (it != by_name_.end()) by_name_.emplace(alias, it->second);
  };
  for (auto& [alias, target] : kAliases) add_alias_index(alias, target);
  for (auto& [alias, target] : user_aliases_) add_alias_index(alias, target);
}

const Entry* Catalog::find(Family family, std::uint32_t value) const {
  auto it = by_value_.find(key(family, value));
  return it == by_value_.end() ? nullptr : &entries_[it->second];
}

const Entry* Catalog::find_name(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &entries_[it->second];
}

std::vector<std::string_view> Catalog::names() const {
  std::vector<std::string_view> out;
  out.reserve(by_name_.size());
  for (const auto& [name, index] : by_name_) out.push_back(name);
  return out;
}

const Entry* Catalog::find_status32(std::uint32_t v) const {
  if ((v & 0xFFFF0000u) == 0x80070000u) return find(Family::Win32, v & 0xFFFFu);
  if ((v & 0xFFFF0000u) == 0x80320000u) return find(Family::Fwp, v);
  if ((v >> 28) == 0xCu) return find(Family::NtStatus, v);
  return nullptr;
}

std::vector<const Entry*> Catalog::search_text(std::string_view words) const {
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < words.size()) {
    while (i < words.size() && std::isspace(static_cast<unsigned char>(words[i]))) ++i;
    std::size_t b = i;
    while (i < words.size() && !std::isspace(static_cast<unsigned char>(words[i]))) ++i;
    if (i > b) parts.push_back(words.substr(b, i - b));
  }
  std::vector<const Entry*> out;
  if (parts.empty()) return out;
  for (auto& e : entries_) {
    bool all = std::all_of(parts.begin(), parts.end(), [&](std::string_view p) {
      return icontains(e.message, p) || icontains(e.summary.text, p) || icontains(e.name, p);
    });
    if (all) out.push_back(&e);
  }
  return out;
}

std::span<const Source> Catalog::sources() const { return gen::kSources; }

const Source* Catalog::find_source(std::string_view id) const {
  for (auto& s : gen::kSources)
    if (s.id == id) return &s;
  return nullptr;
}

std::span<const std::pair<std::string_view, std::string_view>> Catalog::aliases() { return kAliases; }

std::string_view Catalog::keep(std::string text) { return arena_->strings.emplace_back(std::move(text)); }

Entry* Catalog::mutable_entry(Family family, std::uint32_t value) {
  id_ = FreshId{};
  auto it = by_value_.find(key(family, value));
  return it == by_value_.end() ? nullptr : &entries_[it->second];
}

// Both index the one new item instead of calling reindex(): a team catalog of 30,000 entries
// took 76 s to load when every addition rebuilt both maps. The indices are positions, which a
// push_back never changes.
Entry& Catalog::add_entry(const Entry& entry) {
  id_ = FreshId{};
  entries_.push_back(entry);
  const std::size_t i = entries_.size() - 1;
  by_name_[entries_[i].name] = i;
  by_value_[key(entries_[i].family, entries_[i].value)] = i;
  for (auto& [alias, target] : kAliases)  // an embedded alias may name it (reindex() does the same)
    if (target == entries_[i].name) by_name_.emplace(alias, i);
  return entries_.back();
}

void Catalog::add_alias(std::string_view alias, std::string_view target_name) {
  id_ = FreshId{};
  user_aliases_.emplace_back(keep(std::string(alias)), keep(std::string(target_name)));
  if (auto it = by_name_.find(user_aliases_.back().second); it != by_name_.end())
    by_name_.emplace(user_aliases_.back().first, it->second);
}

}  // namespace winerr
