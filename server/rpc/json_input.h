// json_input.h — how a frame's bytes from the client become JSON, safely.
//
// nlohmann's parser is iterative, but serialising, comparing or copying a value recurses, so
// JSON nested 100,000 deep would overflow the stack later, far from the parse. And it rejects
// bytes that are not UTF-8 and lone UTF-16 surrogates ("\ud800"), which would cost the user
// a whole didOpen for one odd byte in a log. So, before parsing, one pass over the body:
//  - refuses nesting deeper than kMaxJsonDepth (no LSP message comes near it);
//  - replaces each invalid UTF-8 sequence by U+FFFD, and a lone surrogate escape by \ufffd,
//    as editors do when they display such text (position.h counts both as one unit).
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace winerr::rpc {

inline constexpr std::size_t kMaxJsonDepth = 128;

struct ParsedBody {
  nlohmann::json value;   // discarded() when `error` is set
  std::string error;      // empty on success
  std::size_t repaired = 0;  // invalid sequences replaced by U+FFFD
  std::size_t lifted = 0;    // long strings parsed outside nlohmann (see json_input.cpp)
};

// Takes the body by value so a large didOpen is repaired in place, never copied twice.
ParsedBody parse_body(std::string body);

// The depth/UTF-8 pass alone (for tests): returns the deepest nesting seen, or stops early and
// returns kMaxJsonDepth + 1; repairs `body` in place and counts the repairs.
std::size_t repair_and_measure(std::string& body, std::size_t& repaired);

}  // namespace winerr::rpc
