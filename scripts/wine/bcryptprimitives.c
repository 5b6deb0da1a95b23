/* A stand-in for bcryptprimitives.dll, used only to run the Windows tests under Wine.
 * Rust's std (1.78 and later) takes its random numbers from ProcessPrng in that DLL;
 * Wine before 9.0 (Debian 12 has 8.0) has no such DLL, so no Rust program starts.
 * This one answers from RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 * scripts/test-windows builds it with MinGW into the Wine prefix; it never ships. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
