/* keyring_client.c: saved dial parameters through the RAS API, for rasdial_keyring.sh.
 *   keyring_client save PBK ENTRY USER PASSWORD   RasSetEntryDialParamsW
 *   keyring_client domain PBK ENTRY DOMAIN        the domain changed, nothing else (an empty
 *                                                 user name leaves user and password alone)
 *   keyring_client forget PBK ENTRY               fRemovePassword
 *   keyring_client saved PBK ENTRY                prints "saved USER DOMAIN" or "not saved USER
 *                                                 DOMAIN"
 *   keyring_client dial PBK ENTRY                 RasDialW with the saved password's handle;
 *                                                 prints "connected" or "error N", hangs up
 */
#include <ras.h>
#include <raserror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

static void widen(const char* in, WCHAR* out, size_t size) {
  if (mbstowcs(out, in, size) == (size_t)-1) out[0] = 0; /* the test's names are ASCII */
}

int main(int argc, char** argv) {
  if (argc < 4) return 2;
  WCHAR pbk[512];
  RASDIALPARAMSW p;
  BOOL saved = FALSE;
  DWORD rc;
  memset(&p, 0, sizeof p);
  p.dwSize = sizeof p;
  widen(argv[2], pbk, 512);
  widen(argv[3], p.szEntryName, RAS_MaxEntryName + 1);
  if (strcmp(argv[1], "save") == 0 && argc == 6) {
    widen(argv[4], p.szUserName, UNLEN + 1);
    widen(argv[5], p.szPassword, PWLEN + 1);
    rc = RasSetEntryDialParamsW(pbk, &p, FALSE);
  } else if (strcmp(argv[1], "domain") == 0 && argc == 5) {
    widen(argv[4], p.szDomain, DNLEN + 1);
    rc = RasSetEntryDialParamsW(pbk, &p, FALSE);
  } else if (strcmp(argv[1], "forget") == 0) {
    rc = RasSetEntryDialParamsW(pbk, &p, TRUE);
  } else if (strcmp(argv[1], "saved") == 0) {
    rc = RasGetEntryDialParamsW(pbk, &p, &saved);
    if (rc == 0) printf("%s %ls %ls\n", saved ? "saved" : "not saved", p.szUserName, p.szDomain);
  } else if (strcmp(argv[1], "dial") == 0) {
    HRASCONN conn = NULL;
    rc = RasGetEntryDialParamsW(pbk, &p, &saved);
    if (rc == 0) rc = RasDialW(NULL, pbk, &p, 0, NULL, &conn);
    printf(rc == 0 ? "connected\n" : "error %lu\n", (unsigned long)rc);
    if (conn != NULL) RasHangUpW(conn);
    return rc == 0 ? 0 : 1;
  } else {
    return 2;
  }
  if (rc != 0) printf("error %lu\n", (unsigned long)rc);
  return rc == 0 ? 0 : 1;
}
