// file: URIs <-> paths in both styles (Windows rules run on Linux too: the style is a parameter).
#include <catch2/catch.hpp>

#include "platform/uri.h"

using winerr::platform::normalize_file_uri;
using winerr::platform::path_to_uri;
using winerr::platform::PathStyle;
using winerr::platform::uri_to_path;

namespace {
constexpr auto W = PathStyle::windows;
constexpr auto P = PathStyle::posix;
}  // namespace

TEST_CASE("uri: Windows drive letters, as VS Code and others send them") {
  CHECK(uri_to_path("file:///c%3A/Logs/vpn.log", W) == "C:\\Logs\\vpn.log");
  CHECK(uri_to_path("file:///c%3a/Logs/vpn.log", W) == "C:\\Logs\\vpn.log");  // lower-case hex
  CHECK(uri_to_path("file:///C:/Logs/vpn.log", W) == "C:\\Logs\\vpn.log");
  CHECK(uri_to_path("file:///c:/Logs/vpn.log", W) == "C:\\Logs\\vpn.log");
  CHECK(uri_to_path("FILE:///D|/x.log", W) == "D:\\x.log");  // old '|' form, scheme any case
  CHECK(uri_to_path("file://localhost/c:/x.log", W) == "C:\\x.log");
  CHECK(uri_to_path("file:///c%3A", W) == "C:\\");
  CHECK(uri_to_path("file:///c%3A/", W) == "C:\\");
  CHECK(path_to_uri("C:\\Logs\\vpn.log", W) == "file:///c%3A/Logs/vpn.log");
  CHECK(path_to_uri("c:\\Logs\\vpn.log", W) == "file:///c%3A/Logs/vpn.log");
  CHECK(path_to_uri("C:/Logs/vpn.log", W) == "file:///c%3A/Logs/vpn.log");  // '/' separates too
  CHECK(path_to_uri("C:\\", W) == "file:///c%3A/");
}

TEST_CASE("uri: UNC paths both ways") {
  CHECK(uri_to_path("file://server/share/x.log", W) == "\\\\server\\share\\x.log");
  CHECK(path_to_uri("\\\\server\\share\\x.log", W) == "file://server/share/x.log");
  CHECK(path_to_uri("\\\\?\\UNC\\server\\share\\x.log", W) == "file://server/share/x.log");
  CHECK(path_to_uri("\\\\?\\C:\\Logs\\vpn.log", W) == "file:///c%3A/Logs/vpn.log");
  CHECK(uri_to_path("file://server/share/x.log", P) == std::nullopt);  // no remote files on POSIX
}

TEST_CASE("uri: percent-encoding, round trips") {
  CHECK(uri_to_path("file:///c%3A/Users/J%C3%BCrgen/VPN%20Logs/a%23b.log", W) ==
        "C:\\Users\\J\xC3\xBCrgen\\VPN Logs\\a#b.log");
  CHECK(path_to_uri("C:\\Users\\J\xC3\xBCrgen\\VPN Logs\\a#b.log", W) ==
        "file:///c%3A/Users/J%C3%BCrgen/VPN%20Logs/a%23b.log");
  CHECK(uri_to_path("file:///home/a%20b/x%25.log", P) == "/home/a b/x%.log");
  CHECK(path_to_uri("/home/a b/x%.log", P) == "file:///home/a%20b/x%25.log");
  CHECK(path_to_uri("/var/log/ike-ext_1.0~x.log", P) == "file:///var/log/ike-ext_1.0~x.log");
  for (std::string p : {"C:\\Logs\\vpn.log", "\\\\srv\\share\\dir\\x y.log", "D:\\100%\\[a]&b.txt"})
    CHECK(uri_to_path(path_to_uri(p, W), W) == p);
  for (std::string p : {"/tmp/x.log", "/home/a b/ü.txt", "/a/b#c?d"})
    CHECK(uri_to_path(path_to_uri(p, P), P) == p);
}

TEST_CASE("uri: what is not a local file path") {
  CHECK(uri_to_path("untitled:Untitled-1", W) == std::nullopt);
  CHECK(uri_to_path("https://example.com/x", P) == std::nullopt);
  CHECK(uri_to_path("file:///c%3/x", W) == std::nullopt);   // truncated escape
  CHECK(uri_to_path("file:///x%zz", P) == std::nullopt);    // not hex
  CHECK(uri_to_path("file:///x%00y", P) == std::nullopt);   // NUL
  CHECK(uri_to_path("file:///x?y=1", P) == std::nullopt);   // query
  CHECK(uri_to_path("file:///x.log#L3", P) == "/x.log");     // fragment ignored
  CHECK(uri_to_path("file:///", P) == "/");
}

TEST_CASE("uri: one spelling per file") {
  CHECK(normalize_file_uri("file:///C:/Logs/vpn.log", W) == "file:///c%3A/Logs/vpn.log");
  CHECK(normalize_file_uri("file:///c%3a/Logs/vpn.log", W) == "file:///c%3A/Logs/vpn.log");
  CHECK(normalize_file_uri("file:///tmp/a%2Db", P) == "file:///tmp/a-b");
  CHECK(normalize_file_uri("untitled:x", P) == "untitled:x");
}
