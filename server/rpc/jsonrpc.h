// jsonrpc.h — the JSON-RPC 2.0 envelope: what a message is, the standard error codes, and
// how responses look. No LSP here beyond the LSP-reserved error codes.
#pragma once

#include <nlohmann/json.hpp>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace winerr::rpc {

using json = nlohmann::json;

enum ErrorCode : int {
  kParseError = -32700,
  kInvalidRequest = -32600,
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
  kServerNotInitialized = -32002,
  kRequestCancelled = -32800,
  kServerCancelled = -32802,
};

// Thrown by handlers; the dispatcher turns it into an error response.
struct Error : std::runtime_error {
  int code;
  Error(int c, const std::string& message) : std::runtime_error(message), code(c) {}
};

struct Message {
  enum class Kind { Request, Notification, Response, Invalid } kind = Kind::Invalid;
  json id;             // requests and responses (number or string); null otherwise
  std::string method;  // requests and notifications
  json params;         // may be null
  std::string problem; // with Invalid: why
};

// Classifies a parsed JSON value as a JSON-RPC 2.0 message.
Message classify(json value);

json response(const json& id, json result);
json error_response(const json& id, int code, const std::string& message);
json notification(const std::string& method, json params);

// Reads params fields so that a wrong type is a -32602 naming the field and what was
// expected ("textDocument.version must be an integer"), never a library exception text.
const json& field(const json& parent, const char* key, const char* path);  // must be present
std::string string_field(const json& parent, const char* key, const char* path);
const std::string& string_field_ref(const json& parent, const char* key, const char* path);
// The string moved out of `parent` (left empty): a document's text is never copied.
std::string take_string_field(json& parent, const char* key, const char* path);
std::int64_t integer_field(const json& parent, const char* key, const char* path);
const json& array_field(const json& parent, const char* key, const char* path);
const json& object_field(const json& parent, const char* key, const char* path);

// Serializes without throwing on invalid UTF-8 in strings (replaced by U+FFFD), so a
// document holding arbitrary bytes cannot break the session.
std::string dump(const json& value);

}  // namespace winerr::rpc
