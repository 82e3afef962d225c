// Document kinds from languageId: what decides the default severity of a finding.
#include <catch2/catch.hpp>

#include "settings.h"

using namespace winerr;

TEST_CASE("doc_kind: logs and plain text, including client-named log modes") {
  for (const char* id : {"", "log", "Log", "plaintext", "text", "winerr-log", "syslog_log"}) {
    INFO(id);
    CHECK(doc_kind(id) == DocKind::Log);
  }
}

TEST_CASE("doc_kind: markdown-like prose and scripts") {
  CHECK(doc_kind("markdown") == DocKind::Markdown);
  CHECK(doc_kind("restructuredtext") == DocKind::Markdown);
  for (const char* id : {"powershell", "c", "cpp", "python", "logtalk", "-log"}) {
    INFO(id);
    CHECK(doc_kind(id) == DocKind::Script);
  }
}
