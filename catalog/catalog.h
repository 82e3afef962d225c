// catalog.h — what winerr-ls knows about each error code, and how to find it.
//
// Contract: pure C++ and the standard library; knows nothing of LSP, JSON or positions.
// The embedded tables are generated at build time from catalog/data (see gen/); building a
// Catalog from them copies ~240 small structs and parses nothing. A user catalog may add
// entries or override fields (see server/usercatalog); those strings live in the Catalog's
// own arena, so every std::string_view an Entry hands out stays valid as long as the Catalog.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace winerr {

// Which numbering a code belongs to. `value` means: the Win32 code (13801) for Win32, the
// full 32-bit status (0xC0360001) for NTSTATUS, the full HRESULT (0x80320001) for FWP.
enum class Family : std::uint8_t { Win32, NtStatus, Fwp };

enum class SubRange : std::uint8_t { PolicyStore, IkeCore, IkeExtended, KernelDrop, DosProtection, None };

// How bad the code is by itself (the scanner's confidence is a separate axis).
enum class Kind : std::uint8_t { Error, Warning, RangeMarker };

// One sentence of explanation and the ids (comma-separated) of the sources that back it.
struct Claim {
  std::string_view text;
  std::string_view sources;
  bool empty() const { return text.empty(); }
};

struct RelatedCode {
  std::uint32_t value = 0;  // a Win32 value
  Claim why;
};

struct Entry {
  Family family = Family::Win32;
  std::uint32_t value = 0;
  std::string_view name;
  std::string_view message;         // exactly what Windows prints (or the named wording)
  std::string_view message_source;  // source id of that wording
  SubRange sub_range = SubRange::None;
  bool range_marker = false;
  std::uint32_t counterpart = 0;    // neighbours: the Win32 code with the same meaning; 0 if none
  Claim summary, meaning, where;
  std::span<const Claim> causes, checks;
  std::span<const RelatedCode> related;
  std::string_view runbook_url;     // only from a user catalog
  std::string_view user_note;       // only from a user catalog
  std::string_view origin;          // "" for embedded; the user catalog path otherwise

  Kind kind() const;
  // HRESULT_FROM_WIN32 for Win32 codes; the value itself for FWP; 0 for NTSTATUS.
  std::uint32_t hresult() const;
};

struct Source {
  std::string_view id;
  std::string_view klass;
  std::string_view citation;
};

std::string_view to_string(Family);
std::string_view to_string(SubRange);
std::string_view sub_range_title(SubRange);
std::string_view to_string(Kind);

class Catalog {
 public:
  // The catalog compiled into the binary. Built once, on first use.
  static const Catalog& embedded();

  const Entry* find(Family family, std::uint32_t value) const;
  const Entry* find_name(std::string_view name) const;  // exact, case-sensitive; knows aliases
  // Every name find_name knows (entries' names and all aliases), in no particular order.
  std::vector<std::string_view> names() const;
  // 0x8007xxxx -> the Win32 entry; 0x8032xxxx -> the FWP entry; NTSTATUS values too.
  const Entry* find_status32(std::uint32_t value) const;
  // Entries whose message or summary contain every word of `words` (case-insensitive).
  std::vector<const Entry*> search_text(std::string_view words) const;

  const std::vector<Entry>& entries() const { return entries_; }
  std::span<const Source> sources() const;
  const Source* find_source(std::string_view id) const;
  // Aliases: old names that still appear in logs, mapped to the current name.
  static std::span<const std::pair<std::string_view, std::string_view>> aliases();

  // Names this catalog as it is now: no other catalog, nor this one after a change, ever has
  // the same id (a copy gets a new one). What is worked out from a catalog once (the scanner's
  // anchors) is kept under it.
  std::uint64_t id() const { return id_.value; }

  // --- used by user catalogs ---
  // Call on a fresh copy before adding to it: new strings go to an arena of its own, so the
  // catalog it was copied from (maybe in use on another thread) is never touched.
  void detach_arena() {
    parent_arenas_.push_back(arena_);
    arena_ = std::make_shared<Arena>();
  }
  std::string_view keep(std::string text);  // copies into the arena, returns a stable view
  Entry* mutable_entry(Family family, std::uint32_t value);
  Entry& add_entry(const Entry& entry);     // caller checked that it is new
  void add_alias(std::string_view alias, std::string_view target_name);

 private:
  Catalog() = default;
  void reindex();

  // Strings and claim lists added by user catalogs. Shared between copies so that the views
  // in a copied Entry never dangle; deques never move their elements.
  struct Arena {
    std::deque<std::string> strings;
    std::deque<std::vector<Claim>> claim_lists;
    std::deque<std::vector<RelatedCode>> related_lists;
  };
  std::vector<Entry> entries_;
  std::shared_ptr<Arena> arena_ = std::make_shared<Arena>();
  std::vector<std::shared_ptr<Arena>> parent_arenas_;  // kept alive: copied entries point into them
  std::vector<std::pair<std::string_view, std::string_view>> user_aliases_;
  std::unordered_map<std::string_view, std::size_t> by_name_;
  std::unordered_map<std::uint64_t, std::size_t> by_value_;
  // A fresh id on construction, on copy and (assigned anew) on every change.
  struct FreshId {
    std::uint64_t value = next();
    FreshId() = default;
    FreshId(const FreshId&) : value(next()) {}
    FreshId& operator=(const FreshId&) {
      value = next();
      return *this;
    }
    static std::uint64_t next();
  };
  FreshId id_;

 public:
  Catalog(const Catalog&) = default;
  Catalog& operator=(const Catalog&) = default;
  std::vector<Claim>& new_claim_list() { return arena_->claim_lists.emplace_back(); }
  std::vector<RelatedCode>& new_related_list() { return arena_->related_lists.emplace_back(); }
};

}  // namespace winerr
