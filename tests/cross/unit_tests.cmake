# Included by tests/CMakeLists.txt in a cross build (presets windows-x64*, linux-arm64): the
# Catch2 unit tests that build for the target, each registered as one whole-executable test so
# ctest runs it under CMAKE_CROSSCOMPILING_EMULATOR (wine, qemu-aarch64). The host build's
# `cross` label (tests/cross/CMakeLists.txt) is what tests/run-all.sh runs.
# Not here: e2e_tests, core's test_server.cpp (POSIX fork/pipe), the editor clients.
if(NOT TARGET Catch2::Catch2)
  message(FATAL_ERROR "Catch2 v2 headers not found on the build host: apt-get install catch2")
endif()

add_library(catch_main OBJECT ${CMAKE_CURRENT_SOURCE_DIR}/unit/catch_main.cpp)
target_link_libraries(catch_main PUBLIC Catch2::Catch2)

add_executable(catalog_tests unit/catalog/test_catalog.cpp unit/catalog/test_catalog_data.cpp unit/catalog/test_mingw_winerror.cpp)
target_link_libraries(catalog_tests PRIVATE winerr_catalog catch_main)
target_compile_definitions(catalog_tests PRIVATE WINERR_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

add_executable(scanner_tests unit/scanner/test_scanner.cpp unit/scanner/test_corpus.cpp unit/scanner/test_oracle.cpp unit/scanner/test_pair_finder.cpp)
target_link_libraries(scanner_tests PRIVATE winerr_scanner winerr_scanner_v1 catch_main)
target_compile_definitions(scanner_tests PRIVATE WINERR_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

file(GLOB CORE_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/unit/core/*.cpp)
if(WIN32)
  list(FILTER CORE_TEST_SOURCES EXCLUDE REGEX "/test_server\\.cpp$")
endif()
add_executable(core_tests ${CORE_TEST_SOURCES})
target_link_libraries(core_tests PRIVATE winerr_core catch_main)

foreach(t catalog_tests scanner_tests core_tests)
  add_test(NAME ${t} COMMAND ${t})
  set_tests_properties(${t} PROPERTIES LABELS unit)
endforeach()
