# The scanner oracle (tests/oracle/README.md): today's scanner, verbatim, as a library the
# differential tests link. Included by tests/CMakeLists.txt (host and cross builds) and by
# tests/fuzz/CMakeLists.txt.
if(NOT TARGET winerr_scanner_v1)
  add_library(winerr_scanner_v1 STATIC
    ${CMAKE_CURRENT_LIST_DIR}/v1_finder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/v1_judge.cpp
    ${CMAKE_CURRENT_LIST_DIR}/v1_scanner.cpp)
  target_include_directories(winerr_scanner_v1 PUBLIC ${CMAKE_CURRENT_LIST_DIR})
  target_link_libraries(winerr_scanner_v1 PUBLIC winerr_scanner)
endif()
