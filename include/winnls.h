/* winnls.h: CompareString, its flags and results, and the code-page names, with Windows'
 * values (mingw-w64's winnls.h).
 *
 * CompareString orders as Windows' default ("word sort") table does for the plain Latin,
 * Greek and Cyrillic text RAS sources compare, in every locale alike: symbols before
 * digits before letters; letters without case first, then lower case before upper case
 * ("a" < "A" < "b", where code-point order has "B" < "a"); a hyphen and an apostrophe
 * count only when the strings are otherwise equal ("coop" < "co-op" < "cop") unless
 * SORT_STRINGSORT, which weighs them as symbols. There is no diacritic level: an accented
 * letter sorts by its own code point, after z. NORM_IGNORECASE (or LINGUISTIC_IGNORECASE)
 * drops the case level; NORM_IGNORESYMBOLS skips everything but letters and digits;
 * NORM_LINGUISTIC_CASING is accepted (case mapping is never Turkish). Any other flag is
 * refused: 0 with ERROR_INVALID_FLAGS. Returns CSTR_LESS_THAN, CSTR_EQUAL or
 * CSTR_GREATER_THAN (subtract 2 for the C convention), or 0 with the last error set:
 * ERROR_INVALID_PARAMETER for a NULL string with a non-zero length, and (A form)
 * ERROR_NO_UNICODE_TRANSLATION for text that is not UTF-8, OpenRAS's ANSI code page.
 * A length of -1 means NUL-terminated; otherwise it counts characters (W) or bytes (A).
 * Locales: LOCALE_USER_DEFAULT, LOCALE_SYSTEM_DEFAULT, LOCALE_INVARIANT, LOCALE_NEUTRAL
 * and any specific LCID are accepted and sort the same. */
#ifndef _WINNLS_
#define _WINNLS_

#include "windef.h"

#ifdef __cplusplus
extern "C" {
#endif

#define NORM_IGNORECASE 0x00000001
#define NORM_IGNORENONSPACE 0x00000002
#define NORM_IGNORESYMBOLS 0x00000004
#define SORT_DIGITSASNUMBERS 0x00000008
#define LINGUISTIC_IGNORECASE 0x00000010
#define LINGUISTIC_IGNOREDIACRITIC 0x00000020
#define SORT_STRINGSORT 0x00001000
#define NORM_IGNOREKANATYPE 0x00010000
#define NORM_IGNOREWIDTH 0x00020000
#define NORM_LINGUISTIC_CASING 0x08000000

#define CSTR_LESS_THAN 1
#define CSTR_EQUAL 2
#define CSTR_GREATER_THAN 3

#define CP_ACP 0
#define CP_OEMCP 1
#define CP_THREAD_ACP 3
#define CP_UTF8 65001

OPENRAS_API int WINAPI CompareStringW(LCID Locale, DWORD dwCmpFlags, LPCWSTR lpString1,
                                      int cchCount1, LPCWSTR lpString2, int cchCount2);
OPENRAS_API int WINAPI CompareStringA(LCID Locale, DWORD dwCmpFlags, LPCSTR lpString1,
                                      int cchCount1, LPCSTR lpString2, int cchCount2);

#ifdef UNICODE
#define CompareString CompareStringW
#else
#define CompareString CompareStringA
#endif

#ifdef __cplusplus
}
#endif

#endif /* _WINNLS_ */
