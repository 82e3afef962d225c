// version.h — the version string, set by CMake from project(VERSION).
#pragma once
#ifndef WINERR_VERSION
#define WINERR_VERSION "0.0.0-dev"
#endif
namespace winerr {
inline constexpr const char* kVersion = WINERR_VERSION;
}
