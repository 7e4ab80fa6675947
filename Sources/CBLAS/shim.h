// The one CBLAS call the encoder makes, declared here with the values every cblas.h uses, so
// that nothing links the library: PlaybookEmbedding/BLAS.swift opens OpenBLAS (Debian's
// libopenblas0) at run time when the embedding model is first loaded. Linked, OpenBLAS started
// its thread pool in every command, whose threads spun for about 60 ms of CPU time even where no
// model was used. Used on platforms without Accelerate.
#ifndef PLAYBOOK_CBLAS_SHIM_H
#define PLAYBOOK_CBLAS_SHIM_H

enum {
    PLAYBOOK_CBLAS_ROW_MAJOR = 101,
    PLAYBOOK_CBLAS_NO_TRANS = 111,
    PLAYBOOK_CBLAS_TRANS = 112
};

/* cblas_sgemm; the enum arguments are passed as int, as C passes enums. */
typedef void (*playbook_sgemm_function)(int order, int transpose_a, int transpose_b, int m, int n, int k,
                                        float alpha, const float *a, int lda, const float *b, int ldb,
                                        float beta, float *c, int ldc);
/* openblas_set_num_threads */
typedef void (*playbook_set_threads_function)(int threads);
#endif
