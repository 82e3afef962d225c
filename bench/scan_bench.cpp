// scan_bench — the scanner alone on a file, for counting its instructions (bench/run.sh runs
// it under callgrind twice: with --read-only it only reads the file, so the difference of the
// two counts is the scanner's). One pass, one thread: what a byte costs, not how cores split it.
// Usage: scan_bench FILE [--read-only]
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "scanner.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: scan_bench FILE [--read-only]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "scan_bench: cannot read %s\n", argv[1]);
    return 2;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  const bool read_only = argc > 2 && std::strcmp(argv[2], "--read-only") == 0;
  std::size_t verdicts = 0;
  if (!read_only) verdicts = winerr::scan_verdicts(text, winerr::Catalog::embedded(), 1).judged.size();
  std::printf("%zu bytes, %zu verdicts\n", text.size(), verdicts);
  return 0;
}
