// explanation.cpp — see explanation.h. The order of sections is the product's answer to
// "what does this code mean and what do I do": summary and the official text first (the
// first screen of a hover), then meaning, where it shows up, causes, checks, related codes.
#include "explanation.h"

#include "forms.h"

namespace winerr {

namespace {

std::string cite(const Claim& c) { return c.sources.empty() ? "" : " [" + std::string(c.sources) + "]"; }

std::string marker_note(const Entry& e) {
  return "This is a range marker, not a failure: " + std::string(e.name) +
         " only bounds a block of IKE negotiation-status codes in winerror.h.";
}

}  // namespace

std::string family_note(const Entry& e) {
  if (e.family == Family::NtStatus)
    return "NTSTATUS text as worded in [MS-ERREF] (via Samba); Windows' own ntstatus.h wording may differ.";
  if (e.family == Family::Fwp) return "Windows Filtering Platform HRESULT (facility 0x32); text from the Windows SDK.";
  return "";
}

namespace {

struct Section {
  const char* heading;
  std::span<const Claim> claims;
};

}  // namespace

std::string render_markdown(const Entry& e, const Catalog& catalog) {
  std::string md = "### " + std::string(e.name) + "\n\n";
  std::string forms;
  for (auto& s : spellings(e)) forms += (forms.empty() ? "" : " · ") + s.label + " `" + s.text + "`";
  md += forms + "\n\n";
  if (!e.summary.empty()) md += std::string(e.summary.text) + "\n\n";
  md += "> " + std::string(e.message) + "\n\n";
  if (e.range_marker) md += "**" + marker_note(e) + "**\n\n";
  if (auto note = family_note(e); !note.empty()) md += "_" + note + "_\n\n";
  if (e.sub_range != SubRange::None) md += "Block: " + std::string(sub_range_title(e.sub_range)) + "\n\n";
  if (!e.user_note.empty()) md += "**Team note:** " + std::string(e.user_note) + "\n\n";
  if (!e.runbook_url.empty()) md += "**Runbook:** " + std::string(e.runbook_url) + "\n\n";
  if (!e.meaning.empty()) md += "**Meaning.** " + std::string(e.meaning.text) + "\n\n";
  if (!e.where.empty()) md += "**Where it shows up.** " + std::string(e.where.text) + "\n\n";
  auto list = [&](const char* heading, std::span<const Claim> claims, bool numbered) {
    if (claims.empty()) return;
    md += std::string("**") + heading + "**\n\n";
    int n = 0;
    for (auto& c : claims) md += (numbered ? std::to_string(++n) + ". " : "- ") + std::string(c.text) + "\n";
    md += "\n";
  };
  list(e.range_marker ? "Why a log prints it" : "Likely causes", e.causes, false);
  list("What to check", e.checks, true);
  if (!e.related.empty()) {
    md += "**Related codes**\n\n";
    for (auto& r : e.related) {
      const Entry* o = catalog.find(Family::Win32, r.value);
      md += "- " + (o ? std::string(o->name) + " (" + std::to_string(r.value) + ")" : std::to_string(r.value)) + ": " +
            std::string(r.why.text) + "\n";
    }
    md += "\n";
  }
  if (e.counterpart)
    if (const Entry* w = catalog.find(Family::Win32, e.counterpart))
      md += "Win32 counterpart: " + std::string(w->name) + " (" + std::to_string(w->value) + ")\n\n";
  md += "[Microsoft: " + std::string(e.family == Family::Win32 ? "System Error Codes (12000-15999)"
                                     : e.family == Family::NtStatus ? "[MS-ERREF] NTSTATUS values"
                                                                    : "WFP error codes") +
        "](" + microsoft_page(e.family) + ")";
  return md;
}

std::string render_text(const Entry& e, const Catalog& catalog) {
  std::string t = title(e) + "\n";
  for (auto& s : spellings(e)) t += "  " + s.label + ": " + s.text + "\n";
  t += "\n  \"" + std::string(e.message) + "\"\n\n";
  if (!e.summary.empty()) t += std::string(e.summary.text) + cite(e.summary) + "\n\n";
  if (e.range_marker) t += marker_note(e) + "\n\n";
  if (auto note = family_note(e); !note.empty()) t += note + "\n\n";
  if (e.sub_range != SubRange::None) t += "Block: " + std::string(sub_range_title(e.sub_range)) + "\n";
  if (!e.user_note.empty()) t += "Team note: " + std::string(e.user_note) + "\n";
  if (!e.runbook_url.empty()) t += "Runbook: " + std::string(e.runbook_url) + "\n";
  if (!e.meaning.empty()) t += "\nMeaning:\n  " + std::string(e.meaning.text) + cite(e.meaning) + "\n";
  if (!e.where.empty()) t += "\nWhere it shows up:\n  " + std::string(e.where.text) + cite(e.where) + "\n";
  auto list = [&](const char* heading, std::span<const Claim> claims, bool numbered) {
    if (claims.empty()) return;
    t += std::string("\n") + heading + ":\n";
    int n = 0;
    for (auto& c : claims) t += (numbered ? "  " + std::to_string(++n) + ". " : "  - ") + std::string(c.text) + cite(c) + "\n";
  };
  list(e.range_marker ? "Why a log prints it" : "Likely causes", e.causes, false);
  list("What to check", e.checks, true);
  if (!e.related.empty()) {
    t += "\nRelated codes:\n";
    for (auto& r : e.related) {
      const Entry* o = catalog.find(Family::Win32, r.value);
      t += "  - " + std::to_string(r.value) + (o ? " " + std::string(o->name) : "") + ": " + std::string(r.why.text) + cite(r.why) + "\n";
    }
  }
  if (e.counterpart)
    if (const Entry* w = catalog.find(Family::Win32, e.counterpart))
      t += "\nWin32 counterpart: " + std::string(w->name) + " (" + std::to_string(w->value) + ")\n";
  t += "\nMicrosoft: " + microsoft_page(e.family) + "\n";
  return t;
}

nlohmann::json render_json(const Entry& e, const Catalog& catalog) {
  using nlohmann::json;
  auto claim = [](const Claim& c) {
    json sources = json::array();
    std::string_view s = c.sources;
    while (!s.empty()) {
      auto comma = s.find(',');
      sources.push_back(std::string(s.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      s.remove_prefix(comma + 1);
    }
    return json{{"text", std::string(c.text)}, {"sources", sources}};
  };
  auto claims = [&](std::span<const Claim> cs) {
    json a = json::array();
    for (auto& c : cs) a.push_back(claim(c));
    return a;
  };
  json j{{"family", std::string(to_string(e.family))},
         {"value", e.value},
         {"name", std::string(e.name)},
         {"message", std::string(e.message)},
         {"message_source", std::string(e.message_source)},
         {"kind", std::string(to_string(e.kind()))},
         {"range_marker", e.range_marker}};
  if (e.family == Family::Win32) {
    j["hex"] = hex4(e.value);
    j["sub_range"] = std::string(to_string(e.sub_range));
  } else {
    j["hex"] = hex8(e.value);
  }
  if (e.hresult()) {
    j["hresult"] = hex8(e.hresult());
    j["hresult_signed"] = static_cast<std::int32_t>(e.hresult());
  }
  if (e.counterpart) j["counterpart"] = e.counterpart;
  if (!e.summary.empty()) j["summary"] = claim(e.summary);
  if (!e.meaning.empty()) j["meaning"] = claim(e.meaning);
  if (!e.where.empty()) j["where"] = claim(e.where);
  if (!e.causes.empty()) j["causes"] = claims(e.causes);
  if (!e.checks.empty()) j["checks"] = claims(e.checks);
  if (!e.related.empty()) {
    json rel = json::array();
    for (auto& r : e.related) rel.push_back({{"value", r.value}, {"why", claim(r.why)}});
    j["related"] = rel;
  }
  if (!e.runbook_url.empty()) j["runbook_url"] = std::string(e.runbook_url);
  if (!e.user_note.empty()) j["user_note"] = std::string(e.user_note);
  if (!e.origin.empty()) j["origin"] = std::string(e.origin);
  j["link"] = microsoft_page(e.family);
  (void)catalog;
  return j;
}

}  // namespace winerr
