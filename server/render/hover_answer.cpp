// hover_answer.cpp — the short answers: the hover (render_hover_markdown / render_hover_text)
// and the diagnostic message. See explanation.h for the order and the budget; the full
// explanation stays with render_text (`winerr-ls explain`).
#include <algorithm>
#include <vector>

#include "explanation.h"
#include "forms.h"

namespace winerr {

namespace {

// A continuation byte of UTF-8 (10xxxxxx) starts no character; counting the others counts
// code points, which is what a terminal or an editor widget lays out.
bool starts_char(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

std::size_t code_points(std::string_view s) { return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), starts_char)); }

// The two dresses of one hover. Markdown marks up the name, the numbers and the headings;
// plain text is the same lines without the marks, so both take the same rows.
struct Dress {
  bool markdown;
  std::string strong(std::string_view s) const { return markdown ? "**" + std::string(s) + "**" : std::string(s); }
  std::string code(std::string_view s) const { return markdown ? "`" + std::string(s) + "`" : std::string(s); }
  std::string emphasis(std::string_view s) const { return markdown ? "*" + std::string(s) + "*" : std::string(s); }
  std::string quote(std::string_view s) const { return markdown ? "> " + std::string(s) : "\"" + std::string(s) + "\""; }
};

// "13801 · 0x35E9 · HRESULT 0x800735E9 (-2147011095)": the forms after the name on the title
// line. Decimal and hex need no label; a signed decimal follows the form it spells.
std::string number_forms(const Entry& e, const Dress& d) {
  std::string out;
  for (const Spelling& s : spellings(e)) {
    if (s.label.ends_with("(signed decimal)")) {
      out += " (" + d.code(s.text) + ")";
      continue;
    }
    if (!out.empty()) out += " · ";
    if (s.label != "decimal" && s.label != "hex") out += s.label + " ";
    out += d.code(s.text);
  }
  return out;
}

// Windows prints only the symbol for the range markers; quoting it would repeat the title.
bool message_is_name(const Entry& e) {
  std::string_view m = e.message;
  while (!m.empty() && (m.back() == '.' || m.back() == ' ')) m.remove_suffix(1);
  return m == e.name;
}

// A claim that names its own code (13806: "look for ERROR_IPSEC_IKE_NO_CERT in wfpdiag.xml")
// would put the name on the hover twice; the title line right above already spells it.
std::string without_own_name(std::string_view text, std::string_view name) {
  std::string out(text);
  for (std::size_t at = out.find(name); at != std::string::npos; at = out.find(name, at))
    out.replace(at, name.size(), "this code's name"), at += 16;
  return out;
}

// `s` cut to at most `max_points` code points, at a space, with "…" when anything was cut.
std::string fitted(const std::string& s, std::size_t max_points) {
  if (code_points(s) <= max_points || max_points < 2) return s;
  std::size_t byte = 0, points = 0;
  for (; byte < s.size(); ++byte)
    if (starts_char(s[byte]) && points++ == max_points - 1) break;  // room for the "…"
  const std::size_t space = s.rfind(' ', byte);
  std::string cut = s.substr(0, space == std::string::npos || space == 0 ? byte : space);
  while (!cut.empty() && std::string_view(" ,;:(").find(cut.back()) != std::string_view::npos) cut.pop_back();
  return cut + "…";
}

std::string marker_line(const Dress& d) {
  // One row at 80 columns even in Markdown: a marker's checks are long (13909).
  return d.strong("A range marker, not a failure:") + " it bounds a block of IKE codes in winerror.h.";
}

std::string family_line(const Entry& e, const Dress& d) {
  const std::string note = family_note(e);
  return note.empty() ? note : d.emphasis(note);
}

// The Markdown hard break (two trailing spaces): the next line in the same paragraph,
// without the blank row a new paragraph costs. Plain text just goes on.
std::string_view line_break(const Dress& d) { return d.markdown ? "  \n" : "\n"; }

std::string joined(const std::vector<std::string>& lines, std::string_view separator) {
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : std::string(separator)) + l;
  return out;
}

// The first paragraph: the title line, a marker's note, the official text. A block quote may
// interrupt a Markdown paragraph, so the quote needs no blank row above it; it comes last
// because a line after it would continue the quote.
std::string title_block(const Entry& e, const Dress& d) {
  std::string t = d.strong(e.name) + " " + number_forms(e, d);
  if (e.range_marker) t += std::string(line_break(d)) + marker_line(d);
  if (!message_is_name(e)) t += "\n" + d.quote(e.message);
  return t;
}

// The first kHoverChecks checks under their heading. An ordered list starting at 1 may
// interrupt a Markdown paragraph, so the list follows the heading without a blank row.
std::string checks_block(const Entry& e, const Dress& d) {
  std::string checks = d.strong("What to check first");
  const std::size_t n = std::min(e.checks.size(), kHoverChecks);
  for (std::size_t i = 0; i < n; ++i) checks += "\n" + std::to_string(i + 1) + ". " + without_own_name(e.checks[i].text, e.name);
  return checks;
}

// The paragraphs above the causes line, a blank row apart.
std::vector<std::string> head_blocks(const Entry& e, const Dress& d) {
  std::vector<std::string> blocks{title_block(e, d)};
  if (auto note = family_line(e, d); !note.empty()) blocks.push_back(note);
  if (!e.user_note.empty()) blocks.push_back(d.strong("Team note:") + " " + std::string(e.user_note));
  if (!e.checks.empty()) blocks.push_back(checks_block(e, d));
  return blocks;
}

// The lines below the causes line, in its paragraph: the Win32 twin of a neighbour, where
// the full explanation is, the team's runbook, and last the scanner's reason (`why`).
std::vector<std::string> pointer_lines(const Entry& e, const Catalog& catalog, std::string_view why, const Dress& d) {
  std::vector<std::string> lines;
  if (e.counterpart)
    if (const Entry* w = catalog.find(Family::Win32, e.counterpart))
      lines.push_back("Win32 counterpart: " + std::string(w->name) + " (" + d.code(std::to_string(w->value)) + ")");
  // By number (code_number), so the name stays on the title line only.
  lines.push_back("Full explanation: " + d.code("winerr-ls explain " + code_number(e)));
  if (!e.runbook_url.empty()) lines.push_back(d.strong("Runbook:") + " " + std::string(e.runbook_url));
  if (!why.empty()) lines.push_back(d.emphasis(why));
  return lines;
}

// Likely causes as one line, in whatever rows the rest leaves (at most kHoverCauseRows): it
// is the part a reader can best spare, the whole list being one command away.
std::string causes_line(const Entry& e, const Dress& d, std::size_t rows_left) {
  if (e.causes.empty() || rows_left == 0) return "";
  std::string line = d.strong(e.range_marker ? "Why a log prints it:" : "Likely causes:");
  for (const Claim& c : e.causes) line += " " + without_own_name(c.text, e.name);
  // The hard break's two trailing spaces count as columns too.
  return fitted(line, std::min(rows_left, kHoverCauseRows) * kHoverColumns - line_break(d).size() + 1);
}

std::string render_hover(const Entry& e, const Catalog& catalog, std::string_view why, const Dress& d) {
  const std::string top = joined(head_blocks(e, d), "\n\n");
  std::vector<std::string> pointers = pointer_lines(e, catalog, why, d);
  const std::size_t used = display_rows(top) + 1 + display_rows(joined(pointers, line_break(d)));
  if (std::string causes = causes_line(e, d, used < kHoverRows ? kHoverRows - used : 0); !causes.empty())
    pointers.insert(pointers.begin(), causes);
  return top + "\n\n" + joined(pointers, line_break(d));
}

}  // namespace

std::size_t display_rows(std::string_view text, std::size_t columns) {
  std::size_t rows = 0;
  for (std::size_t b = 0;;) {
    const std::size_t nl = text.find('\n', b);
    const std::size_t n = code_points(text.substr(b, nl == std::string_view::npos ? std::string_view::npos : nl - b));
    rows += n == 0 ? 1 : (n + columns - 1) / columns;  // an empty line still takes a row
    if (nl == std::string_view::npos) return rows;
    b = nl + 1;
  }
}

std::string render_hover_markdown(const Entry& e, const Catalog& catalog, std::string_view why) {
  return render_hover(e, catalog, why, Dress{true});
}
std::string render_hover_text(const Entry& e, const Catalog& catalog, std::string_view why) {
  return render_hover(e, catalog, why, Dress{false});
}

std::string diagnostic_message(const Entry& e, bool possible) {
  std::string m = code_number(e);
  if (!message_is_name(e)) m += " " + std::string(e.message);
  if (e.range_marker) m += " (status marker)";
  if (possible) m += " (possible)";
  return m;
}

}  // namespace winerr
