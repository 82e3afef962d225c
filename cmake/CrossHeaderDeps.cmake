# When cross-compiling, the header-only dependencies (nlohmann_json, Catch2 v2) come from the
# build host's Debian packages. Their CMake configs would add -isystem /usr/include, which
# would drag the host's glibc headers into a mingw or aarch64 build; instead expose only the
# two header directories, through symlinks in the build tree, as the usual imported targets.
set(_winerr_hdrs ${CMAKE_BINARY_DIR}/host-headers)
file(MAKE_DIRECTORY ${_winerr_hdrs})

find_path(WINERR_HOST_NLOHMANN_DIR nlohmann/json.hpp PATHS /usr/include /usr/local/include
          NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH)
if(NOT WINERR_HOST_NLOHMANN_DIR)
  message(FATAL_ERROR "nlohmann/json.hpp not found on the build host: apt-get install nlohmann-json3-dev")
endif()
file(CREATE_LINK ${WINERR_HOST_NLOHMANN_DIR}/nlohmann ${_winerr_hdrs}/nlohmann SYMBOLIC)
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED GLOBAL)
set_target_properties(nlohmann_json::nlohmann_json PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${_winerr_hdrs})

find_path(WINERR_HOST_CATCH2_DIR catch2/catch.hpp PATHS /usr/include /usr/local/include
          NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH)
if(WINERR_HOST_CATCH2_DIR)
  file(CREATE_LINK ${WINERR_HOST_CATCH2_DIR}/catch2 ${_winerr_hdrs}/catch2 SYMBOLIC)
  add_library(Catch2::Catch2 INTERFACE IMPORTED GLOBAL)
  set_target_properties(Catch2::Catch2 PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${_winerr_hdrs})
endif()

# asio (standalone, header-only) for the TCP transport: asio.hpp and its asio/ folder.
find_path(WINERR_HOST_ASIO_DIR asio.hpp PATHS /usr/include /usr/local/include NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH)
if(NOT WINERR_HOST_ASIO_DIR)
  message(FATAL_ERROR "asio.hpp not found on the build host: apt-get install libasio-dev")
endif()
file(CREATE_LINK ${WINERR_HOST_ASIO_DIR}/asio.hpp ${_winerr_hdrs}/asio.hpp SYMBOLIC)
file(CREATE_LINK ${WINERR_HOST_ASIO_DIR}/asio ${_winerr_hdrs}/asio SYMBOLIC)
add_library(winerr_asio INTERFACE)
target_include_directories(winerr_asio INTERFACE ${_winerr_hdrs})
