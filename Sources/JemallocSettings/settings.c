// jemalloc (the executable's allocator on Linux: see the CJemalloc target) reads its options from
// this string when the process starts; the environment's MALLOC_CONF still applies on top.
// dirty_decay_ms:100 — pages a thread freed go back to the system after a tenth of a second
// instead of ten: the peak memory of `site` and of a large `lint` stays that of glibc's
// allocator or lower (site, cold, realistic 50,000-commit history: 314 → 279 MB) at the same CPU.
// percpu_arena:percpu — one arena per CPU instead of four per CPU: a thread allocates from the
// arena of the CPU it runs on, so what one job freed is reused by the next instead of sitting in
// another arena (2 cores, /usr/bin/time, three runs each: `overlaps` on 20,000 hypotheses
// 308–314 → 281–287 MB, `lint` of a 16,000-file playbook with the model 283–287 → 241–249 MB,
// `report okr` cold on a 50,000-commit history unchanged; CPU time the same).
#include "JemallocSettings.h"

const char *malloc_conf = "dirty_decay_ms:100,percpu_arena:percpu";
