// jemalloc, the memory allocator of the `playbook` executable on Linux (Debian's libjemalloc-dev):
// linked into the executable, its malloc and free stand in for glibc's in the whole process.
#include <jemalloc/jemalloc.h>
