# Cross-build for Linux ARM64 with Debian's g++-aarch64-linux-gnu and libc6-dev-arm64-cross.
# Linked fully static so the binary runs on any ARM64 Linux, whatever its libc.
# Used by the linux-arm64 preset; tests run under qemu-user (qemu-aarch64).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(WINERR_TRIPLE aarch64-linux-gnu)

find_program(CMAKE_C_COMPILER NAMES ${WINERR_TRIPLE}-gcc)
find_program(CMAKE_CXX_COMPILER NAMES ${WINERR_TRIPLE}-g++)
if(NOT CMAKE_CXX_COMPILER)
  message(FATAL_ERROR "${WINERR_TRIPLE}-g++ not found: apt-get install g++-aarch64-linux-gnu libc6-dev-arm64-cross")
endif()

set(CMAKE_FIND_ROOT_PATH /usr/${WINERR_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")

# ctest runs the binaries under qemu-user when it is installed.
find_program(WINERR_QEMU NAMES qemu-aarch64 qemu-aarch64-static)
if(WINERR_QEMU)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${WINERR_QEMU})
endif()
