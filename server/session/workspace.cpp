// workspace.cpp — see workspace.h.
#include "workspace.h"

#include <algorithm>

#include "config/glob.h"
#include "platform/platform.h"
#include "platform/uri.h"
#include "usercatalog/user_catalog.h"

namespace winerr {

using nlohmann::json;
namespace fs = std::filesystem;

CatalogLoaded load_catalog_now(const CatalogLoad& job) {
  return {job, load_user_catalog_file(platform::path_to_utf8(job.file), Catalog::embedded())};
}

Workspace::Workspace(Layer command_line, std::function<void(const std::string&)> report, std::function<void(const std::string&)> log,
                     std::function<void(CatalogLoad)> load)
    : report_(std::move(report)), log_(std::move(log)), load_(std::move(load)), command_line_(std::move(command_line)) {
  folders_.push_back(std::make_unique<Folder>());
  folders_[0]->catalog = std::make_shared<const Catalog>(Catalog::embedded());
  folders_[0]->policy = Policy(folders_[0]->settings, *folders_[0]->catalog);
}

std::optional<Layer> Workspace::parse(const json& j, const std::string& origin, const Folder& f) {
  std::vector<std::string> problems;
  auto layer = parse_layer(j, origin, f.catalog ? *f.catalog : Catalog::embedded(), problems);
  for (const std::string& p : problems) report_("winerr-ls: " + p + "; the last good settings stay in force");
  return layer;
}

void Workspace::start(const std::vector<std::pair<std::string, std::string>>& folders, const json& init_options) {
  // The user file: read at initialize, not at startup (startup does no parsing).
  if (const fs::path dir = platform::user_config_dir(); !dir.empty()) {
    const fs::path file = dir / "config.json";
    if (stamp_of(file).exists) {
      JsonFile jf = read_json_file(file);
      if (!jf.value) report_("winerr-ls: " + jf.error + "; the file is not used");
      else if (auto l = parse(*jf.value, platform::path_to_utf8(file), *folders_[0])) user_ = std::move(l);
    }
  }
  if (init_options.is_object())
    if (auto l = parse(init_options, "initializationOptions", *folders_[0])) init_ = std::move(l);
  recompute(*folders_[0]);
  for (auto& [uri, path] : folders) add_folder(uri, path);
  changes_.clear();  // nothing was published yet
}

void Workspace::add_folder(const std::string& uri, const std::string& path) {
  const std::string u = uri.ends_with('/') ? uri.substr(0, uri.size() - 1) : uri;
  for (auto& f : folders_)
    if (f->uri == u) return;
  auto f = std::make_unique<Folder>();
  f->uri = u;
  if (!path.empty()) f->root = platform::path_from_utf8(path);
  f->catalog = folders_[0]->catalog;
  Folder& ref = *f;
  folders_.push_back(std::move(f));
  refresh_files(ref, true);
}

void Workspace::remove_folder(const std::string& uri) {
  const std::string u = uri.ends_with('/') ? uri.substr(0, uri.size() - 1) : uri;
  std::erase_if(changes_, [&](const Change& c) { return c.folder->uri == u && !u.empty(); });
  std::erase_if(folders_, [&](const std::unique_ptr<Folder>& f) { return !f->uri.empty() && f->uri == u; });
}

Folder& Workspace::folder_for(const std::string& doc_uri) {
  Folder* best = folders_[0].get();
  for (auto& f : folders_) {
    if (f->uri.empty() || f->uri.size() <= best->uri.size()) continue;
    if (doc_uri.size() > f->uri.size() && doc_uri.compare(0, f->uri.size(), f->uri) == 0 && doc_uri[f->uri.size()] == '/')
      best = f.get();
  }
  return *best;
}

void Workspace::set_pushed(const json& settings) {
  if (auto l = parse(settings, "settings (workspace/didChangeConfiguration)", *folders_[0])) {
    pushed_ = std::move(l);
    for (auto& f : folders_) recompute(*f);
  }
}

void Workspace::set_pulled(Folder& f, const json& settings) {
  if (settings.is_null()) return;  // the client has no settings for this folder
  if (auto l = parse(settings, "settings of " + (f.uri.empty() ? std::string("the workspace") : f.uri) +
                                   " (workspace/configuration)", f)) {
    f.pulled = std::move(l);
    recompute(f);
  }
}

void Workspace::refresh_files(Folder& f, bool force) {
  if (!f.root.empty()) {
    const fs::path file = f.root / ".winerr.json";
    const FileStamp now = stamp_of(file);
    if (force || !(now == f.project_stamp)) {
      f.project_stamp = now;
      if (!now.exists) {
        if (f.project) log_(platform::path_to_utf8(file) + " is gone; its settings no longer apply");
        f.project.reset();
      } else {
        JsonFile jf = read_json_file(file);
        if (!jf.value) report_("winerr-ls: " + jf.error + "; the last good settings stay in force");
        else if (auto l = parse(*jf.value, platform::path_to_utf8(file), f)) f.project = std::move(l);
      }
      recompute(f);
      return;
    }
  }
  // The team catalog may have been edited in place (same path, new content).
  if (!f.catalog_file.empty() && !(stamp_of(f.catalog_file) == f.catalog_stamp)) recompute(f);
}

void Workspace::recompute(Folder& f) {
  Settings next = merge({user_ ? &*user_ : nullptr, &command_line_, init_ ? &*init_ : nullptr, pushed_ ? &*pushed_ : nullptr,
                         f.pulled ? &*f.pulled : nullptr, f.project ? &*f.project : nullptr});
  // A relative catalogPath is the folder's (a team keeps its catalog in the repository).
  fs::path catalog_file;
  if (!next.catalog_path.empty()) {
    catalog_file = platform::path_from_utf8(next.catalog_path);
    if (catalog_file.is_relative() && !f.root.empty()) catalog_file = f.root / catalog_file;
  }
  const auto old_catalog = f.catalog;
  load_catalog(f, catalog_file, false);
  f.settings = std::move(next);
  f.policy = Policy(f.settings, *f.catalog);
  note_change(f, f.catalog != old_catalog);
}

void Workspace::note_change(Folder& f, bool catalog) {
  for (Change& c : changes_)
    if (c.folder == &f) {
      c.catalog = c.catalog || catalog;
      return;
    }
  changes_.push_back({&f, catalog});
}

void Workspace::load_catalog(Folder& f, const fs::path& file, bool force) {
  const FileStamp now = file.empty() ? FileStamp{} : stamp_of(file);
  if (!force && file == f.catalog_file && now == f.catalog_stamp && f.catalog) return;
  f.catalog_stamp = now;
  f.catalog_file = file;
  ++f.catalog_generation;  // an answer to an earlier request is stale from now on
  if (file.empty()) {
    f.catalog_loading = false;
    f.catalog_good_file.clear();
    f.catalog = std::make_shared<const Catalog>(Catalog::embedded());
    return;
  }
  if (!f.catalog) f.catalog = std::make_shared<const Catalog>(Catalog::embedded());  // answers meanwhile
  f.catalog_loading = true;
  CatalogLoad job{f.uri, file, f.catalog_generation};
  if (load_) load_(std::move(job));
  else catalog_loaded(load_catalog_now(job));
}

void Workspace::catalog_loaded(CatalogLoaded loaded) {
  auto it = std::find_if(folders_.begin(), folders_.end(), [&](const auto& f) { return f->uri == loaded.job.folder_uri; });
  if (it == folders_.end()) return;  // the folder was removed meanwhile
  Folder& f = **it;
  if (loaded.job.generation != f.catalog_generation) return;  // it asked for another since
  f.catalog_loading = false;
  const auto old_catalog = f.catalog;
  const std::string path = platform::path_to_utf8(loaded.job.file);
  if (loaded.result.catalog) {
    f.catalog = std::move(loaded.result.catalog);
    f.catalog_good_file = loaded.job.file;
    log_("user catalog loaded: " + path);
  } else {
    // A malformed edit keeps the last good catalog of that file; a new path that fails leaves
    // the embedded catalog working. Either way the user is told exactly what is wrong.
    const bool same_file = f.catalog_good_file == loaded.job.file;
    report_("winerr-ls: user catalog not loaded: " + loaded.result.error +
            (same_file ? "; the last good version stays in use" : "; the embedded catalog is used"));
    if (!same_file) {
      f.catalog = std::make_shared<const Catalog>(Catalog::embedded());
      f.catalog_good_file.clear();
    }
  }
  f.policy = Policy(f.settings, *f.catalog);
  note_change(f, f.catalog != old_catalog);  // unchanged (a bad edit): settings may have moved
}

std::vector<Workspace::Change> Workspace::take_changes() {
  std::vector<Change> out;
  out.swap(changes_);
  return out;
}

bool Workspace::excluded(const Folder& f, const std::string& doc_uri) const {
  if (f.settings.exclude.empty()) return false;
  std::string rel;
  if (!f.uri.empty() && doc_uri.size() > f.uri.size() + 1) {
    rel = doc_uri.substr(f.uri.size() + 1);
  } else {
    auto path = platform::uri_to_path(doc_uri);
    rel = path ? *path : doc_uri;
  }
  // The URI's own %-escapes decoded, so "my logs/*.log" matches "my%20logs/a.log".
  if (auto p = platform::uri_to_path("file:///" + rel, platform::PathStyle::posix)) rel = p->substr(1);
  for (const std::string& g : f.settings.exclude)
    if (glob_match(g, rel)) return true;
  return false;
}

}  // namespace winerr
