/* entry_numbers.c: what the RAS API says of an entry's numbers, for the shell tests.
 *
 *   entry_numbers entry PHONEBOOK ENTRY    RasGetEntryPropertiesW: "first NUMBER", then
 *                                          "alternate NUMBER" for each of the list at
 *                                          dwAlternateOffset, in order
 *   entry_numbers status ENTRY             RasEnumConnectionsW, RasGetConnectStatusW: the
 *                                          connection's "state N number NUMBER"
 * Exits 0, or 1 with the RAS code on stderr. */
#include <ras.h>
#include <raserror.h>
#include <windows.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static wchar_t* widen(const char* text) {
  size_t n = mbstowcs(NULL, text, 0);
  wchar_t* out = calloc(n + 1, sizeof *out);
  if (out) mbstowcs(out, text, n + 1);
  return out;
}

static int entry(const char* phonebook, const char* name) {
  wchar_t* book = widen(phonebook);
  wchar_t* wname = widen(name);
  DWORD size = 0;
  DWORD rc = RasGetEntryPropertiesW(book, wname, NULL, &size, NULL, NULL);
  if (rc != ERROR_BUFFER_TOO_SMALL) {
    fprintf(stderr, "entry_numbers: RasGetEntryPropertiesW (size): %u\n", (unsigned)rc);
    return 1;
  }
  RASENTRYW* e = calloc(1, size);
  if (!e) return 1;
  e->dwSize = sizeof(RASENTRYW);
  rc = RasGetEntryPropertiesW(book, wname, e, &size, NULL, NULL);
  if (rc != 0) {
    fprintf(stderr, "entry_numbers: RasGetEntryPropertiesW: %u\n", (unsigned)rc);
    return 1;
  }
  printf("first %ls\n", e->szLocalPhoneNumber);
  if (e->dwAlternateOffset != 0) {
    const wchar_t* alt = (const wchar_t*)((const char*)e + e->dwAlternateOffset);
    for (; *alt; alt += wcslen(alt) + 1) printf("alternate %ls\n", alt);
  }
  free(e);
  free(book);
  free(wname);
  return 0;
}

static int status(const char* name) {
  RASCONNW conns[16];
  memset(conns, 0, sizeof conns);
  conns[0].dwSize = sizeof(RASCONNW);
  DWORD bytes = sizeof conns, count = 0;
  DWORD rc = RasEnumConnectionsW(conns, &bytes, &count);
  if (rc != 0) {
    fprintf(stderr, "entry_numbers: RasEnumConnectionsW: %u\n", (unsigned)rc);
    return 1;
  }
  wchar_t* wname = widen(name);
  for (DWORD i = 0; i < count; ++i) {
    if (wcscmp(conns[i].szEntryName, wname) != 0) continue;
    RASCONNSTATUSW s;
    memset(&s, 0, sizeof s);
    s.dwSize = sizeof s;
    rc = RasGetConnectStatusW(conns[i].hrasconn, &s);
    if (rc != 0) {
      fprintf(stderr, "entry_numbers: RasGetConnectStatusW: %u\n", (unsigned)rc);
      return 1;
    }
    printf("state %u number %ls\n", (unsigned)s.rasconnstate, s.szPhoneNumber);
    free(wname);
    return 0;
  }
  fprintf(stderr, "entry_numbers: no connection of \"%s\"\n", name);
  free(wname);
  return 1;
}

int main(int argc, char** argv) {
  setlocale(LC_ALL, "C.UTF-8");
  if (argc == 4 && strcmp(argv[1], "entry") == 0) return entry(argv[2], argv[3]);
  if (argc == 3 && strcmp(argv[1], "status") == 0) return status(argv[2]);
  fprintf(stderr, "usage: entry_numbers entry PHONEBOOK ENTRY | status ENTRY\n");
  return 2;
}
