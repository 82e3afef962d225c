// help.h — every usage text of the command line, in one place: `winerr-ls --help`,
// `winerr-ls help CMD`, `winerr-ls CMD --help`, and (at build time) the man page
// winerr-ls.1, which packaging/gen_manpage.cmake makes from the binary's own output.
#pragma once

#include <string_view>
#include <vector>

namespace winerr::cli {

std::string_view main_help();
// The usage of one subcommand ("check", "explain", "catalog"); empty if there is none.
std::string_view command_help(std::string_view command);
const std::vector<std::string_view>& command_names();
// What bare `winerr-ls` prints on stderr when standard input is a terminal.
std::string_view terminal_notice();

}  // namespace winerr::cli
