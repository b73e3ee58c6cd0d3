// child_spawn.cpp: see child_spawn.h.
#include "rasman/child_spawn.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace openras::rasman {

Result<ControlPair> make_control_pair(const std::string& what) {
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
    return fail_errno(errno, "creating " + what);
  }
  ControlPair pair{UniqueFd(sv[0]), UniqueFd(sv[1])};
  if (::fcntl(pair.ours.get(), F_SETFL, O_NONBLOCK) < 0) return fail_errno(errno, "O_NONBLOCK");
  // fd 3 must be the socket's end in the child: keep the parent's copy clear of 3.
  if (pair.theirs.get() <= 3) {
    UniqueFd moved(::fcntl(pair.theirs.get(), F_DUPFD_CLOEXEC, 10));
    if (!moved) return fail_errno(errno, "moving " + what);
    pair.theirs = std::move(moved);
  }
  return pair;
}

Result<pid_t> spawn_child(const ChildSpec& spec) {
  std::vector<std::string> args = spec.args;
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  char* empty[] = {nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  ScopeExit release([&] {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  });
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  if (spec.null_stdout) posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, spec.control_fd, 3);
  posix_spawn_file_actions_addclosefrom_np(&actions, 4);
  sigset_t none;
  sigemptyset(&none);
  sigset_t defaults;
  sigfillset(&defaults);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
  if (spec.new_session) flags = static_cast<short>(flags | POSIX_SPAWN_SETSID);
  posix_spawnattr_setflags(&attr, flags);
  (void)::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  pid_t pid = 0;
  if (int err =
          ::posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), spec.envp ? spec.envp : empty);
      err != 0) {
    return fail_errno(err, "starting " + args[0]);
  }
  return pid;
}

std::string find_helper(const std::string& name) {
  char self[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) {
    std::string dir(self, static_cast<std::size_t>(n));
    dir.resize(dir.rfind('/'));
    for (const std::string& candidate : {dir + "/" + name, dir + "/../" + name + "/" + name,
                                         dir + "/../libexec/openras/" + name}) {
      if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
  }
  return OPENRAS_LIBEXECDIR "/openras/" + name;
}

}  // namespace openras::rasman
