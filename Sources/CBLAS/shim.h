// The CBLAS interface of OpenBLAS (Debian's libopenblas-dev; its pkg-config file `openblas`
// names the include folder). Used on platforms without Accelerate.
//
// Declarations only, no `link`: the library is opened at run time when the embedding model is
// first loaded (PlaybookEmbedding/BLAS.swift). Linked, OpenBLAS started its thread pool in every
// command, whose threads spun for about 60 ms of CPU time even where no model was used.
#include <cblas.h>

typedef __typeof__(&cblas_sgemm) playbook_sgemm_function;
typedef void (*playbook_set_threads_function)(int);
