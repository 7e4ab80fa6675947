// The CBLAS interface of OpenBLAS (Debian's libopenblas-dev; its pkg-config file `openblas`
// names the include folder). Used on platforms without Accelerate.
#include <cblas.h>
