// jsonrpc.cpp — see jsonrpc.h.
#include "jsonrpc.h"

namespace winerr::rpc {

Message classify(json v) {
  Message m;
  if (!v.is_object()) {
    m.problem = v.is_array() ? "batch requests are not supported" : "a message must be a JSON object";
    return m;
  }
  if (auto id = v.find("id"); id != v.end()) {
    if (id->is_number_integer() || id->is_string() || id->is_null()) m.id = *id;
    else { m.problem = "id must be a number or a string"; return m; }
  }
  auto jr = v.find("jsonrpc");
  if (jr == v.end() || *jr != "2.0") {
    m.problem = "jsonrpc must be \"2.0\"";
    return m;
  }
  auto method = v.find("method");
  if (method == v.end()) {
    if (v.contains("id") && (v.contains("result") || v.contains("error"))) {
      m.kind = Message::Kind::Response;
      // An answer to one of our requests: its result (null for an error response).
      if (auto r = v.find("result"); r != v.end()) m.params = std::move(*r);
    }
    else m.problem = "a request needs a method";
    return m;
  }
  if (!method->is_string()) {
    m.problem = "method must be a string";
    return m;
  }
  m.method = method->get<std::string>();
  // "params": null is sent by some clients (e.g. with shutdown/exit); read it as absent.
  if (auto p = v.find("params"); p != v.end() && !p->is_null()) {
    if (!p->is_object() && !p->is_array()) { m.problem = "params must be an object or an array"; return m; }
    m.params = std::move(*p);
  }
  m.kind = v.contains("id") ? Message::Kind::Request : Message::Kind::Notification;
  return m;
}

json response(const json& id, json result) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}
json error_response(const json& id, int code, const std::string& message) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}
json notification(const std::string& method, json params) {
  return json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

const json& field(const json& parent, const char* key, const char* path) {
  if (!parent.is_object()) throw Error(kInvalidParams, std::string(path) + ": its parent must be an object");
  auto it = parent.find(key);
  if (it == parent.end()) throw Error(kInvalidParams, std::string(path) + " is missing");
  return *it;
}
const std::string& string_field_ref(const json& parent, const char* key, const char* path) {
  const json& v = field(parent, key, path);
  if (!v.is_string()) throw Error(kInvalidParams, std::string(path) + " must be a string");
  return v.get_ref<const std::string&>();
}
std::string string_field(const json& parent, const char* key, const char* path) { return string_field_ref(parent, key, path); }
std::string take_string_field(json& parent, const char* key, const char* path) {
  string_field_ref(parent, key, path);
  return std::move(parent[key].get_ref<std::string&>());
}
std::int64_t integer_field(const json& parent, const char* key, const char* path) {
  const json& v = field(parent, key, path);
  if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<std::uint64_t>() > INT64_MAX))
    throw Error(kInvalidParams, std::string(path) + " must be an integer");
  return v.get<std::int64_t>();
}
const json& array_field(const json& parent, const char* key, const char* path) {
  const json& v = field(parent, key, path);
  if (!v.is_array()) throw Error(kInvalidParams, std::string(path) + " must be an array");
  return v;
}
const json& object_field(const json& parent, const char* key, const char* path) {
  const json& v = field(parent, key, path);
  if (!v.is_object()) throw Error(kInvalidParams, std::string(path) + " must be an object");
  return v;
}

std::string dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace winerr::rpc
