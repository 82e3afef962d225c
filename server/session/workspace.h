// workspace.h — a session's per-folder state: which workspace folder a document belongs to,
// and for each folder its settings sources, the settings and policy in force, and its
// catalog (the embedded one, or a team catalog layered over it). Knows files, settings and
// catalogs; not the LSP wire (the session feeds it and acts on what changed).
//
// Settings sources, later wins per key (settings.h): the user file < the command line < the
// editor (initializationOptions, then pushed didChangeConfiguration settings, then the
// folder's pulled workspace/configuration) < the folder's .winerr.json. A source with a
// problem is reported and its last good version stays in force.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog.h"
#include "config/config_file.h"
#include "features/policy.h"
#include "settings.h"
#include "usercatalog/user_catalog.h"

namespace winerr {

// A team catalog is read off the worker (a file on a slow share must not hold up a hover):
// the workspace asks for a load, the server reads the file on its loader thread and hands the
// result back to catalog_loaded(). `generation` says which request an answer is for.
struct CatalogLoad {
  std::string folder_uri;
  std::filesystem::path file;
  std::uint64_t generation = 0;
};
struct CatalogLoaded {
  CatalogLoad job;
  UserCatalogResult result;
};
CatalogLoaded load_catalog_now(const CatalogLoad& job);  // what the loader thread runs

struct Folder {
  std::string uri;              // "" holds the documents outside every folder
  std::filesystem::path root;   // empty when the folder is no local directory
  std::optional<Layer> pulled;  // workspace/configuration for this folder, last good
  std::optional<Layer> project; // .winerr.json at the root, last good
  FileStamp project_stamp;      // of .winerr.json as last read
  Settings settings;
  Policy policy;
  std::shared_ptr<const Catalog> catalog;
  std::filesystem::path catalog_file;  // the team catalog wanted (empty: the embedded one)
  FileStamp catalog_stamp;
  bool catalog_loading = false;        // catalog_file is being read; `catalog` answers meanwhile
  std::uint64_t catalog_generation = 0;
  std::filesystem::path catalog_good_file;  // the file `catalog` came from (empty: embedded)
};

class Workspace {
 public:
  // `report` tells the user of a problem (the session shows it); `log` is for stderr.
  // `load` starts reading a team catalog elsewhere (the answer comes to catalog_loaded); empty:
  // read it at once, here.
  Workspace(Layer command_line, std::function<void(const std::string&)> report, std::function<void(const std::string&)> log,
            std::function<void(CatalogLoad)> load = {});

  // At initialize: the folders ((uri, local path) pairs; a path may be empty) and
  // initializationOptions (may be null). Reads the user file and each folder's files.
  void start(const std::vector<std::pair<std::string, std::string>>& folders, const nlohmann::json& init_options);
  void add_folder(const std::string& uri, const std::string& path);
  void remove_folder(const std::string& uri);

  // The folder a document belongs to: the longest folder URI that is a path prefix of it.
  Folder& folder_for(const std::string& doc_uri);
  std::vector<std::unique_ptr<Folder>>& folders() { return folders_; }

  // Editor settings pushed by didChangeConfiguration (for every folder), or pulled for one.
  // Return whether a folder's settings or catalog changed (see `changed`).
  void set_pushed(const nlohmann::json& settings);
  void set_pulled(Folder& f, const nlohmann::json& settings);
  // Re-reads the folder's .winerr.json and team catalog when their stamps moved (or always,
  // with force).
  void refresh_files(Folder& f, bool force = false);

  // What moved since the last call, per folder: its settings (republish) or its catalog
  // (rescan). Cleared by the call.
  struct Change {
    Folder* folder;
    bool catalog;
  };
  std::vector<Change> take_changes();

  // A team catalog read for a folder: put in force (a change with catalog = true), unless the
  // folder is gone or has asked for another one since.
  void catalog_loaded(CatalogLoaded loaded);

  // Is the document excluded by its folder's `exclude` globs?
  bool excluded(const Folder& f, const std::string& doc_uri) const;

 private:
  void recompute(Folder& f);
  void load_catalog(Folder& f, const std::filesystem::path& file, bool force);
  std::optional<Layer> parse(const nlohmann::json& j, const std::string& origin, const Folder& f);

  void note_change(Folder& f, bool catalog);

  std::function<void(const std::string&)> report_, log_;
  std::function<void(CatalogLoad)> load_;
  Layer command_line_;
  std::optional<Layer> user_, init_, pushed_;
  std::vector<std::unique_ptr<Folder>> folders_;  // [0] is the no-folder one; stable addresses
  std::vector<Change> changes_;
};

}  // namespace winerr
