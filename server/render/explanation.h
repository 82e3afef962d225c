// explanation.h — one renderer of a catalog entry. The full explanation in three dresses:
// Markdown, plain text (`winerr-ls explain`), JSON (`explain --format json`, `catalog --json`);
// and the short answers: the hover (hover_answer.cpp) and the diagnostic message.
// The server and the CLI both call these; neither has its own copy.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "catalog.h"

namespace winerr {

std::string render_markdown(const Entry& e, const Catalog& catalog);
std::string render_text(const Entry& e, const Catalog& catalog);
nlohmann::json render_json(const Entry& e, const Catalog& catalog);

// Whose wording a neighbour's text is (NTSTATUS, FWP); "" for a Win32 code.
std::string family_note(const Entry& e);

// The hover: a short answer in the reader's order. The title line (the name, once, and the
// number forms); the official text, quoted (not when it only repeats the name); for a range
// marker, that it is no failure; "What to check first": the first kHoverChecks checks; one
// line of likely causes; "Full explanation: `winerr-ls explain 13801`"; then `why` (the
// scanner's reason, explain_why) as the last line when it is not empty. At most kHoverRows
// rows at kHoverColumns columns (display_rows): the causes line takes what the rest leaves.
inline constexpr std::size_t kHoverRows = 20, kHoverColumns = 80, kHoverChecks = 3, kHoverCauseRows = 2;
std::string render_hover_markdown(const Entry& e, const Catalog& catalog, std::string_view why = {});
std::string render_hover_text(const Entry& e, const Catalog& catalog, std::string_view why = {});

// Rows `text` takes at `columns`: a line of n code points takes ceil(n / columns), an empty
// line one.
std::size_t display_rows(std::string_view text, std::size_t columns = kHoverColumns);

// The diagnostic message: "13801 IKE authentication credentials are unacceptable" (an
// NTSTATUS or FWP code in its 8-digit hex), then " (status marker)" for a range marker and
// " (possible)" for a possible finding. Never the name: clients show `code` beside it.
std::string diagnostic_message(const Entry& e, bool possible);

}  // namespace winerr
