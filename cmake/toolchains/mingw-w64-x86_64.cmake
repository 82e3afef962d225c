# Cross-build for Windows x86-64 with Debian's mingw-w64 POSIX-threads toolchain
# (g++-mingw-w64-x86-64-posix). The result is linked statically (libstdc++, libgcc,
# winpthread) so winerr-ls.exe needs nothing but a bare Windows 10/11.
# Used by the windows-x64 and windows-x64-release presets.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(WINERR_TRIPLE x86_64-w64-mingw32)

find_program(CMAKE_C_COMPILER NAMES ${WINERR_TRIPLE}-gcc-posix)
find_program(CMAKE_CXX_COMPILER NAMES ${WINERR_TRIPLE}-g++-posix)
find_program(CMAKE_RC_COMPILER NAMES ${WINERR_TRIPLE}-windres)
if(NOT CMAKE_CXX_COMPILER)
  message(FATAL_ERROR "${WINERR_TRIPLE}-g++-posix not found: apt-get install g++-mingw-w64-x86-64-posix")
endif()

set(CMAKE_FIND_ROOT_PATH /usr/${WINERR_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# -static: no libstdc++-6.dll / libgcc_s_seh-1.dll / libwinpthread-1.dll beside the .exe.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")

# ctest (and catch_discover_tests) run the .exe files under wine when it is installed.
find_program(WINERR_WINE NAMES wine wine64)
if(WINERR_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${WINERR_WINE})
endif()
