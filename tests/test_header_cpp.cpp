// The umbrella header must be usable from C++ (extern "C" linkage).
#include <ccap/ccap.h>

int
main()
{
    ccap_diag diag;
    ccap_diag_clear(&diag);
    return ccap_strerror(CCAP_OK)[0] == 's' && diag.status == CCAP_OK ? 0 : 1;
}
