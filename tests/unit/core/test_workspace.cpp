// The workspace reads team catalogs through a loader it is given (the server's loader thread):
// until the answer comes the folder keeps answering with the catalog it had and says it is
// loading; the answer puts the catalog in force as a change; an answer to an older request
// is dropped.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "session/workspace.h"

using namespace winerr;
namespace fs = std::filesystem;

namespace {
fs::path write_catalog(const std::string& name, const std::string& message) {
  const fs::path dir = fs::temp_directory_path() / ("winerr-workspace-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / name;
  std::ofstream(file) << R"({"version": 1, "entries": [{"value": 13999, "name": "ERROR_TEAM_VPN_GATEWAY", "message": ")" << message
                      << R"("}]})";
  return file;
}

struct Fixture {
  std::vector<CatalogLoad> asked;
  std::vector<std::string> reported;
  Workspace ws{Layer{}, [this](const std::string& m) { reported.push_back(m); }, [](const std::string&) {},
               [this](CatalogLoad j) { asked.push_back(std::move(j)); }};
  Folder& folder() { return *ws.folders()[0]; }
  void set_catalog(const fs::path& file) { ws.set_pushed({{"catalogPath", file.string()}}); }
};
}  // namespace

TEST_CASE("workspace: a team catalog is read by the loader, and the folder answers with its old catalog meanwhile") {
  Fixture fx;
  fx.ws.start({}, nullptr);
  const fs::path file = write_catalog("a.json", "The team gateway refused the tunnel.");
  fx.set_catalog(file);
  REQUIRE(fx.asked.size() == 1);
  CHECK(fx.asked[0].file == file);
  CHECK(fx.folder().catalog_loading);
  REQUIRE(fx.folder().catalog);
  CHECK(fx.folder().catalog->find(Family::Win32, 13999) == nullptr);  // the embedded one, still
  CHECK(fx.folder().catalog->find(Family::Win32, 13801) != nullptr);
  auto before = fx.ws.take_changes();
  REQUIRE(before.size() == 1);
  CHECK_FALSE(before[0].catalog);  // nothing to rescan yet

  fx.ws.catalog_loaded(load_catalog_now(fx.asked[0]));
  CHECK_FALSE(fx.folder().catalog_loading);
  REQUIRE(fx.folder().catalog->find(Family::Win32, 13999));
  CHECK(fx.folder().catalog->find(Family::Win32, 13999)->message == "The team gateway refused the tunnel.");
  auto after = fx.ws.take_changes();
  REQUIRE(after.size() == 1);
  CHECK(after[0].catalog);  // now the folder's documents are rescanned
  CHECK(fx.reported.empty());
}

TEST_CASE("workspace: an answer to an older catalog request is dropped") {
  Fixture fx;
  fx.ws.start({}, nullptr);
  const fs::path a = write_catalog("old.json", "From the old file.");
  const fs::path b = write_catalog("new.json", "From the new file.");
  fx.set_catalog(a);
  fx.set_catalog(b);
  REQUIRE(fx.asked.size() == 2);
  fx.ws.take_changes();
  fx.ws.catalog_loaded(load_catalog_now(fx.asked[0]));  // late: the user has moved on to b
  CHECK(fx.folder().catalog_loading);
  CHECK(fx.folder().catalog->find(Family::Win32, 13999) == nullptr);
  CHECK(fx.ws.take_changes().empty());
  fx.ws.catalog_loaded(load_catalog_now(fx.asked[1]));
  REQUIRE(fx.folder().catalog->find(Family::Win32, 13999));
  CHECK(fx.folder().catalog->find(Family::Win32, 13999)->message == "From the new file.");
}

TEST_CASE("workspace: a catalog that cannot be read is reported when the loader answers, and the embedded one stays") {
  Fixture fx;
  fx.ws.start({}, nullptr);
  fx.set_catalog(fs::temp_directory_path());  // a directory: no catalog on any platform
  REQUIRE(fx.asked.size() == 1);
  CHECK(fx.reported.empty());  // nothing read yet, on the worker
  fx.ws.catalog_loaded(load_catalog_now(fx.asked[0]));
  REQUIRE(fx.reported.size() == 1);
  CHECK(fx.reported[0].find("not a regular file") != std::string::npos);
  CHECK(fx.reported[0].find("the embedded catalog is used") != std::string::npos);
  CHECK_FALSE(fx.folder().catalog_loading);
  CHECK(fx.folder().catalog->find(Family::Win32, 13801) != nullptr);
}
