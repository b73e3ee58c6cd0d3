/* hostile_logon.c: a dialer that, whenever it is asked to dial, tries what the logon
 * sandbox must stop (docs/logon.md): it writes /etc, /root and /tmp, runs /bin/sh, ptraces
 * its parent, opens new namespaces and a UNIX socket, saying on stderr what each attempt gave. Then
 * it dials its entry through RAS (RDEOPT_CustomDial, deliberately without RDEOPT_NoUser) and hands
 * that connection back. Used normally by a user it must behave as that user
 * (tests/e2e/logon_hostile.sh): the same attempts succeed or fail by that user's rights. */
#define UNICODE
#define _GNU_SOURCE
#include <ras.h>
#include <rasdlg.h>
#include <raserror.h>
#include <windows.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define EXPORT __attribute__((visibility("default")))

static const char* const kTargets[] = {"/etc/openras-hostile-x", "/root/openras-hostile-x",
                                       "/tmp/openras-hostile-x"};

static void outcome(const char* what, int ok, int err) {
  if (ok) {
    fprintf(stderr, "hostile: %s: succeeded (uid %u)\n", what, (unsigned)geteuid());
  } else {
    fprintf(stderr, "hostile: %s: failed (%s)\n", what, strerror(err));
  }
}

/* Runs `attempt` in a child, so that what succeeds (a new namespace, another program)
 * changes nothing of this process; the child's exit status says how it went. */
static void in_child(const char* what, int (*attempt)(void)) {
  int status = 0;
  pid_t pid = fork();
  if (pid < 0) {
    outcome(what, 0, errno);
    return;
  }
  if (pid == 0) _exit(attempt());
  waitpid(pid, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    outcome(what, 1, 0);
  } else {
    outcome(what, 0, WIFEXITED(status) ? WEXITSTATUS(status) : EINTR);
  }
}

static int run_shell(void) {
  char* argv[] = {"sh", "-c", "exit 0", NULL};
  char* envp[] = {NULL};
  execve("/bin/sh", argv, envp);
  return errno;
}

static int new_namespace(void) { return unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0 ? 0 : errno; }

static void misbehave(void) {
  size_t i;
  for (i = 0; i < sizeof kTargets / sizeof kTargets[0]; ++i) {
    char what[128];
    int fd = open(kTargets[i], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int err = errno;
    snprintf(what, sizeof what, "write %s", kTargets[i]);
    outcome(what, fd >= 0, err);
    if (fd >= 0) close(fd);
  }
  in_child("execve /bin/sh", run_shell);
  {
    long r = ptrace(PTRACE_SEIZE, getppid(), NULL, NULL);
    int err = errno;
    outcome("ptrace the parent", r == 0, err);
    if (r == 0) ptrace(PTRACE_DETACH, getppid(), NULL, NULL);
  }
  in_child("unshare a new namespace", new_namespace);
  {
    /* A UNIX socket is the way to root's local services (systemd, the system bus). */
    int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int err = errno;
    outcome("open a UNIX socket", s >= 0, err);
    if (s >= 0) close(s);
  }
}

EXPORT DWORD WINAPI RasCustomDial(HINSTANCE inst, LPRASDIALEXTENSIONS ext, LPCWSTR pbk,
                                  LPRASDIALPARAMS params, DWORD type, LPVOID notifier,
                                  LPHRASCONN conn, DWORD flags) {
  RASDIALEXTENSIONS mine;
  (void)inst;
  fprintf(stderr, "hostile: RasCustomDial flags=0x%x logon=%s nouser=%s\n", (unsigned)flags,
          (flags & RCD_Logon) ? "yes" : "no",
          ext && (ext->dwfOptions & RDEOPT_NoUser) ? "yes" : "no");
  misbehave();
  ZeroMemory(&mine, sizeof mine);
  mine.dwSize = sizeof mine;
  mine.dwfOptions = RDEOPT_CustomDial; /* and not RDEOPT_NoUser: the rule it breaks */
  return RasDial(&mine, pbk, params, type, notifier, conn);
}

EXPORT DWORD WINAPI RasCustomHangUp(HRASCONN conn) { return RasHangUp(conn); }

EXPORT DWORD WINAPI RasCustomDeleteEntryNotify(LPCWSTR pbk, LPCWSTR entry, DWORD flags) {
  (void)pbk, (void)entry, (void)flags;
  return ERROR_SUCCESS;
}

/* At logon its dialog tries the escapes too, then writes questions of its own on the
 * logon host's control socket (fd 3), more than rasmand lets one host have waiting, and
 * dials as RasCustomDial does. */
EXPORT BOOL WINAPI RasCustomDialDlg(HINSTANCE inst, DWORD flags, LPWSTR pbk, LPWSTR entry,
                                    LPWSTR phone, LPRASDIALDLG info, PVOID pv) {
  RASDIALPARAMS params;
  HRASCONN conn = NULL;
  DWORD rc;
  int i;
  (void)phone, (void)pv;
  if (!info || !entry) return FALSE;
  fprintf(stderr, "hostile: RasCustomDialDlg flags=0x%x\n", (unsigned)flags);
  if (flags & RCD_Logon) {
    for (i = 0; i < 8; ++i) {
      char forged[64];
      int n = snprintf(forged, sizeof forged, "ask %d 2 hostile-question-%d: ", 1000 + i, i);
      if (send(3, forged, (size_t)n, MSG_NOSIGNAL) < 0) break;
    }
    fprintf(stderr, "hostile: forged %d questions\n", i);
  }
  ZeroMemory(&params, sizeof params);
  params.dwSize = sizeof params;
  lstrcpyn(params.szEntryName, entry, RAS_MaxEntryName + 1);
  rc = RasCustomDial(inst, NULL, pbk, &params, 0, NULL, &conn, flags);
  if (rc != ERROR_SUCCESS) {
    if (conn) RasHangUp(conn);
    info->dwError = rc;
    return FALSE;
  }
  info->dwError = 0;
  return TRUE;
}

EXPORT BOOL WINAPI RasCustomEntryDlg(HINSTANCE inst, LPWSTR pbk, LPWSTR entry, LPRASENTRYDLG info,
                                     DWORD flags) {
  (void)inst, (void)pbk, (void)entry, (void)flags;
  if (info) info->dwError = ERROR_CANNOT_DO_CUSTOMDIAL;
  return FALSE;
}
