// service.cpp: starts a rasmand for a private root when none runs, so rasdial works on a
// private root (OPENRAS_ROOT) with no set-up. The daemon exits by itself after a minute
// with no client and no connection. OPENRAS_RASMAND_AUTOSTART=0 turns this off. Its log
// goes to var/log/openras/rasmand.log under the root, which every message about the
// service names: a daemon nobody started by hand must still say why it failed.
#include "service.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

namespace {

bool answers(const std::string& socket_path) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket_path.c_str(), sizeof address.sun_path - 1);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

// rasmand beside this program (installed: bin/), or in the build tree (tools/rasmand/).
std::string find_rasmand() {
  char self[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return std::string();
  self[n] = '\0';
  std::string dir(self);
  dir.resize(dir.rfind('/'));
  for (const std::string& candidate : {dir + "/rasmand", dir + "/../rasmand/rasmand"}) {
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::string();
}

// The private root, resolved, or "" under the system root.
std::string private_root() {
  const char* root = ::secure_getenv("OPENRAS_ROOT");
  char resolved[PATH_MAX];
  if (!root || !*root || !::realpath(root, resolved) || std::strcmp(resolved, "/") == 0) return {};
  return resolved;
}

// Opens (appending) the log of the rasmand started for `root`, making its directories;
// -1 with errno when that fails. Never follows a link at the log's name.
int open_log(const std::string& root) {
  std::string dir = root;
  for (const char* part : {"/var", "/log", "/openras"}) {
    dir += part;
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) return -1;
  }
  return ::open((dir + "/rasmand.log").c_str(),
                O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0640);
}

}  // namespace

std::string service_log() {
  std::string root = private_root();
  return root.empty() ? std::string() : root + "/var/log/openras/rasmand.log";
}

std::string service_log_hint() {
  std::string log = service_log();
  struct stat st {};
  if (log.empty() || ::stat(log.c_str(), &st) != 0) return {};
  return "; the log of the rasmand rasdial starts for this root is " + log;
}

void ensure_private_rasmand() {
  // secure_getenv, as Paths reads OPENRAS_ROOT: a rasdial given privileges (setuid, file
  // capabilities) uses the system root, and must not start a rasmand for the caller's.
  const char* root = ::secure_getenv("OPENRAS_ROOT");
  const char* autostart = ::secure_getenv("OPENRAS_RASMAND_AUTOSTART");
  if (!root || !*root || (autostart && std::strcmp(autostart, "0") == 0)) return;
  char resolved[PATH_MAX];
  if (!::realpath(root, resolved) || std::strcmp(resolved, "/") == 0) return;
  std::string socket_path = std::string(resolved) + "/run/openras/rasman.sock";
  if (answers(socket_path)) return;
  std::string rasmand = find_rasmand();
  if (rasmand.empty()) return;  // calls that need the service then say which socket failed
  const std::string log_path = service_log();
  int log = open_log(resolved);
  if (log < 0) {
    std::fprintf(stderr,
                 "rasdial: cannot open %s for the rasmand it would start (%s); not "
                 "starting one\n",
                 log_path.c_str(), std::strerror(errno));
    return;
  }
  pid_t child = ::fork();
  if (child < 0) {
    ::close(log);
    return;
  }
  if (child == 0) {
    // Detached: a new session, no terminal, stdin from /dev/null, stdout and stderr to
    // the log; the intermediate child exits so the daemon is never our zombie.
    if (::fork() != 0) ::_exit(0);
    ::setsid();
    int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) {
      ::dup2(null, 0);
      if (null > 2) ::close(null);
    }
    ::dup2(log, 1), ::dup2(log, 2);
    ::execl(rasmand.c_str(), "rasmand", "--root", resolved, "--exit-idle=60",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(log);
  ::waitpid(child, nullptr, 0);
  for (int i = 0; i < 60 && !answers(socket_path); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!answers(socket_path)) {
    std::fprintf(stderr,
                 "rasdial: started %s --root %s, but nothing answers on %s; its log "
                 "is %s\n",
                 rasmand.c_str(), resolved, socket_path.c_str(), log_path.c_str());
  }
}

std::string service_socket() {
  std::string root = private_root();
  return (root.empty() ? std::string() : root) + "/run/openras/rasman.sock";
}

bool service_answers() { return answers(service_socket()); }
