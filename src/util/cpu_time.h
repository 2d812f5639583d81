// The calling thread's CPU time, which every stage timer uses: what a stage costs on one core,
// unaffected by other processes sharing the machine (which wall-clock time is not).
#pragma once

#include <time.h>

#include <cstdint>

namespace gazette::util {

inline uint64_t thread_cpu_ns() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + static_cast<uint64_t>(ts.tv_nsec);
}

}  // namespace gazette::util
