/* pbk_client.c: a Windows-style RAS client for the phone-book end-to-end tests, built
 * against the installed SDK with nothing but `pkg-config --cflags --libs openras`.
 *
 *   pbk_client acceptance DLL          the acceptance sequence of issue 4 (default books)
 *   pbk_client set PBK NAME NUMBER [DLL]  create/change an entry; prints the return code
 *   pbk_client get PBK NAME             prints the entry's number and custom dialer
 *   pbk_client delete PBK NAME | rename PBK OLD NEW | list PBK
 * PBK "-" means NULL (the default phone books). Each command prints "rc=<code>" and exits
 * 0 on ERROR_SUCCESS; acceptance exits 0 if every step returned what Windows documents. */
#define UNICODE /* a Unicode program, as custom dialers are */
#include <locale.h>
#include <ras.h>
#include <raserror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

static int failures = 0;

#define EXPECT_RC(call, expected)                           \
  do {                                                      \
    DWORD rc_ = (call);                                     \
    printf("%-58s -> %lu%s\n", #call, (unsigned long)rc_,   \
           rc_ == (DWORD)(expected) ? "" : "  UNEXPECTED"); \
    if (rc_ != (DWORD)(expected)) ++failures;               \
  } while (0)

/* Arguments as wide text (ASCII and the C locale suffice for these tests). */
static WCHAR* widen(const char* text) {
  static WCHAR buffers[4][1024];
  static int next = 0;
  WCHAR* out = buffers[next++ % 4];
  mbstowcs(out, text, 1023);
  out[1023] = L'\0';
  return out;
}

static const WCHAR* book(const char* arg) { return strcmp(arg, "-") == 0 ? NULL : widen(arg); }

/* Every RASENTRYW member: strings compare up to their NUL, the rest byte for byte. */
/* clang-format lays these tables out differently on each run: keep them as written. */
/* clang-format off */
#define STRING_MEMBERS(X)                                                                    \
  X(szAreaCode) X(szLocalPhoneNumber) X(szScript) X(szAutodialDll) X(szAutodialFunc)         \
  X(szDeviceType) X(szDeviceName) X(szX25PadType) X(szX25Address) X(szX25Facilities)         \
  X(szX25UserData) X(szCustomDialDll) X(szDnsSuffix) X(szPrerequisitePbk)                    \
  X(szPrerequisiteEntry) X(szIDi) X(szIDr)
#define OTHER_MEMBERS(X)                                                                     \
  X(dwSize) X(dwfOptions) X(dwCountryID) X(dwCountryCode) X(dwAlternateOffset) X(ipaddr)     \
  X(ipaddrDns) X(ipaddrDnsAlt) X(ipaddrWins) X(ipaddrWinsAlt) X(dwFrameSize)                 \
  X(dwfNetProtocols) X(dwFramingProtocol) X(dwChannels) X(dwReserved1) X(dwReserved2)        \
  X(dwSubEntries) X(dwDialMode) X(dwDialExtraPercent) X(dwDialExtraSampleSeconds)            \
  X(dwHangUpExtraPercent) X(dwHangUpExtraSampleSeconds) X(dwIdleDisconnectSeconds) X(dwType) \
  X(dwEncryptionType) X(dwCustomAuthKey) X(guidId) X(dwVpnStrategy) X(dwfOptions2)           \
  X(dwfOptions3) X(dwTcpWindowSize) X(dwRedialCount) X(dwRedialPause) X(ipv6addrDns)         \
  X(ipv6addrDnsAlt) X(dwIPv4InterfaceMetric) X(dwIPv6InterfaceMetric) X(ipv6addr)            \
  X(dwIPv6PrefixLength) X(dwNetworkOutageTime) X(fIsImsConfig) X(IdiType) X(IdrType)         \
  X(fDisableIKEv2Fragmentation)
/* clang-format on */

static int same_entry(const RASENTRYW* a, const RASENTRYW* b) {
  int differ = 0;
#define CHECK_STRING(m)                                           \
  if (wcscmp(a->m, b->m) != 0) {                                  \
    printf("  %s differs: \"%ls\" vs \"%ls\"\n", #m, a->m, b->m); \
    ++differ;                                                     \
  }
#define CHECK_OTHER(m)                          \
  if (memcmp(&a->m, &b->m, sizeof a->m) != 0) { \
    printf("  %s differs\n", #m);               \
    ++differ;                                   \
  }
  STRING_MEMBERS(CHECK_STRING)
  OTHER_MEMBERS(CHECK_OTHER)
  return differ == 0;
}

/* Defaults -> szCustomDialDll -> set -> read back field for field -> enumerate -> rename ->
 * delete, with the documented return code at each step. */
static int acceptance(const char* dll) {
  RASENTRYW defaults, entry, back;
  RASENTRYNAMEW* names;
  DWORD size = 0, count = 0, i;
  int found = 0;

  EXPECT_RC(RasGetEntryPropertiesW(NULL, L"", NULL, &size, NULL, NULL), ERROR_BUFFER_TOO_SMALL);
  if (size != sizeof(RASENTRYW)) ++failures;
  memset(&defaults, 0, sizeof defaults);
  defaults.dwSize = 7; /* no version has this size */
  EXPECT_RC(RasGetEntryPropertiesW(NULL, L"", &defaults, &size, NULL, NULL), ERROR_INVALID_SIZE);
  defaults.dwSize = sizeof(RASENTRYW);
  EXPECT_RC(RasGetEntryPropertiesW(NULL, L"", &defaults, &size, NULL, NULL), ERROR_SUCCESS);

  entry = defaults;
  mbstowcs(entry.szCustomDialDll, dll, MAX_PATH);
  wcscpy(entry.szLocalPhoneNumber, L"vpn.example.net");
  wcscpy(entry.szDeviceType, RASDT_Vpn);
  entry.dwType = RASET_Vpn;
  entry.dwfOptions |= RASEO_RequireMsCHAP2 | RASEO_PreviewUserPw;
  EXPECT_RC(RasValidateEntryNameW(NULL, L"Acme VPN"), ERROR_SUCCESS);
  EXPECT_RC(RasValidateEntryNameW(NULL, L"Acme/VPN"), ERROR_INVALID_NAME);
  EXPECT_RC(RasSetEntryPropertiesW(NULL, L"Acme VPN", &entry, sizeof entry, NULL, 0),
            ERROR_SUCCESS);
  EXPECT_RC(RasValidateEntryNameW(NULL, L"Acme VPN"), ERROR_ALREADY_EXISTS);

  size = 0;
  EXPECT_RC(RasGetEntryPropertiesW(NULL, L"Acme VPN", NULL, &size, NULL, NULL),
            ERROR_BUFFER_TOO_SMALL);
  memset(&back, 0, sizeof back);
  back.dwSize = sizeof back;
  size = sizeof back - 1;
  EXPECT_RC(RasGetEntryPropertiesW(NULL, L"Acme VPN", &back, &size, NULL, NULL),
            ERROR_BUFFER_TOO_SMALL);
  EXPECT_RC(RasGetEntryPropertiesW(NULL, L"Acme VPN", &back, &size, NULL, NULL), ERROR_SUCCESS);
  /* Field for field: every member equals what was set (dwSubEntries: one link). */
  entry.dwSubEntries = 1;
  if (!same_entry(&entry, &back)) {
    printf("read back differs from what was set\n");
    ++failures;
  } else {
    printf("read back: every member as set (szCustomDialDll=%ls)\n", back.szCustomDialDll);
  }

  size = 0;
  EXPECT_RC(RasEnumEntriesW(NULL, NULL, NULL, &size, &count), ERROR_BUFFER_TOO_SMALL);
  names = (RASENTRYNAMEW*)calloc(1, size);
  if (!names) return 2;
  names[0].dwSize = sizeof(RASENTRYNAMEW);
  EXPECT_RC(RasEnumEntriesW(NULL, NULL, names, &size, &count), ERROR_SUCCESS);
  for (i = 0; i < count; ++i) {
    printf("  entry %ls (%s) in %ls\n", names[i].szEntryName,
           names[i].dwFlags == REN_AllUsers ? "all users" : "user", names[i].szPhonebookPath);
    if (wcscmp(names[i].szEntryName, L"Acme VPN") == 0) found = 1;
  }
  if (!found) ++failures;
  free(names);

  EXPECT_RC(RasRenameEntryW(NULL, L"Acme VPN", L"Acme VPN (work)"), ERROR_SUCCESS);
  EXPECT_RC(RasGetEntryPropertiesW(NULL, L"Acme VPN", &back, &size, NULL, NULL),
            ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
  EXPECT_RC(RasDeleteEntryW(NULL, L"Acme VPN (work)"), ERROR_SUCCESS);
  EXPECT_RC(RasDeleteEntryW(NULL, L"Acme VPN (work)"), ERROR_INVALID_NAME);

  /* Leave one entry behind, so the test can look at the file. */
  EXPECT_RC(RasSetEntryPropertiesW(NULL, L"Acme VPN", &entry, sizeof entry, NULL, 0),
            ERROR_SUCCESS);
  printf("%d unexpected results\n", failures);
  return failures == 0 ? 0 : 1;
}

int main(int argc, char** argv) {
  RASENTRYW entry;
  DWORD size = sizeof entry, rc, count = 0, i;
  setlocale(LC_CTYPE, "C.UTF-8"); /* entry names on the command line are UTF-8 */
  if (argc >= 3 && strcmp(argv[1], "acceptance") == 0) return acceptance(argv[2]);
  memset(&entry, 0, sizeof entry);
  entry.dwSize = sizeof entry;
  if (argc >= 5 && strcmp(argv[1], "set") == 0) {
    const WCHAR* pbk = book(argv[2]);
    WCHAR* name = widen(argv[3]);
    rc = RasGetEntryPropertiesW(pbk, name, &entry, &size, NULL, NULL);
    if (rc == ERROR_CANNOT_FIND_PHONEBOOK_ENTRY || rc == ERROR_CANNOT_OPEN_PHONEBOOK) {
      rc = RasGetEntryPropertiesW(NULL, L"", &entry, &size, NULL, NULL);
    }
    if (rc == ERROR_SUCCESS) {
      mbstowcs(entry.szLocalPhoneNumber, argv[4], RAS_MaxPhoneNumber);
      if (argc >= 6) mbstowcs(entry.szCustomDialDll, argv[5], MAX_PATH);
      rc = RasSetEntryPropertiesW(pbk, name, &entry, sizeof entry, NULL, 0);
    }
  } else if (argc >= 4 && strcmp(argv[1], "get") == 0) {
    /* The size first: alternate numbers follow the structure. */
    RASENTRYW* found;
    size = 0;
    rc = RasGetEntryPropertiesW(book(argv[2]), widen(argv[3]), NULL, &size, NULL, NULL);
    found = (RASENTRYW*)calloc(1, size > sizeof entry ? size : sizeof entry);
    if (rc == ERROR_BUFFER_TOO_SMALL && found) {
      found->dwSize = sizeof(RASENTRYW);
      rc = RasGetEntryPropertiesW(book(argv[2]), widen(argv[3]), found, &size, NULL, NULL);
      if (rc == ERROR_SUCCESS)
        printf("%ls %ls\n", found->szLocalPhoneNumber, found->szCustomDialDll);
    }
    free(found);
  } else if (argc >= 4 && strcmp(argv[1], "delete") == 0) {
    rc = RasDeleteEntryW(book(argv[2]), widen(argv[3]));
  } else if (argc >= 5 && strcmp(argv[1], "rename") == 0) {
    rc = RasRenameEntryW(book(argv[2]), widen(argv[3]), widen(argv[4]));
  } else if (argc >= 3 && strcmp(argv[1], "list") == 0) {
    RASENTRYNAMEW names[64];
    names[0].dwSize = sizeof names[0];
    size = sizeof names;
    rc = RasEnumEntriesW(NULL, book(argv[2]), names, &size, &count);
    for (i = 0; rc == ERROR_SUCCESS && i < count; ++i) {
      printf("%ls|%lu|%ls\n", names[i].szEntryName, (unsigned long)names[i].dwFlags,
             names[i].szPhonebookPath);
    }
  } else {
    fprintf(stderr, "usage: see the comment at the top of pbk_client.c\n");
    return 2;
  }
  printf("rc=%lu\n", (unsigned long)rc);
  return rc == ERROR_SUCCESS ? 0 : 1;
}
