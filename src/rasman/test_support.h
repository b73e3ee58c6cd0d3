// test_support.h: rasmand's Server on a thread and event loop of its own, serving a real
// socket, for the tests that talk to it as clients do (server_test, server_objects_test,
// session's connection_alias_test and delivery_test). Header-only; tests only.
#pragma once

#include <gtest/gtest.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>

#include "base/paths.h"
#include "base/unique_fd.h"
#include "rasman/server.h"
#include "support.h"

namespace openras::rasman {

// A listening socket at `path`, mode 0666 (so a test's other-user thread may connect).
inline UniqueFd listen_at(const std::string& path) {
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  EXPECT_EQ(::bind(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  EXPECT_EQ(::listen(fd.get(), 16), 0);
  EXPECT_EQ(::chmod(path.c_str(), 0666), 0);
  return fd;
}

// The Server runs until destruction (stopped through an eventfd), then hangs up all.
// It dials with this build's openras-link, or with `link_helper` when one is given.
class ServerThread {
 public:
  ServerThread(const Paths& paths, std::string socket, uint64_t hang_up_timeout_usec = 0,
               std::function<uint64_t()> clock = {}, std::string link_helper = {})
      : socket_(std::move(socket)) {
    UniqueFd listener = listen_at(socket_);
    stop_.reset(::eventfd(0, EFD_CLOEXEC));
    wake_.reset(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
    if (link_helper.empty()) {
      link_helper = std::string(OPENRAS_TEST_BUILD_DIR) + "/tools/openras-link/openras-link";
    }
    thread_ = std::thread([this, paths, l = std::move(listener), hang_up_timeout_usec,
                           clock = std::move(clock), helper = std::move(link_helper)]() mutable {
      sd_event* event = nullptr;
      sd_event_new(&event);
      {
        Server server(event, paths);
        if (hang_up_timeout_usec) server.set_hang_up_timeout(hang_up_timeout_usec);
        if (clock) server.set_clock(std::move(clock));
        server.set_link_helper(helper);
        EXPECT_TRUE(server.listen(std::move(l)));
        sd_event_add_io(
            event, nullptr, stop_.get(), EPOLLIN,
            [](sd_event_source* s, int, uint32_t, void*) {
              return sd_event_exit(sd_event_source_get_event(s), 0);
            },
            nullptr);
        server_ = &server;
        sd_event_add_io(
            event, nullptr, wake_.get(), EPOLLIN,
            [](sd_event_source*, int fd, uint32_t, void* self) {
              uint64_t count = 0;
              (void)!::read(fd, &count, sizeof count);
              static_cast<ServerThread*>(self)->run_posted();
              return 0;
            },
            this);
        sd_event_loop(event);
        server.hang_up_all();
        run_posted();
        server_ = nullptr;
      }
      sd_event_unref(event);
    });
  }
  // A private root in `dir`, the socket beside it.
  explicit ServerThread(const testing::TempDir& dir, uint64_t hang_up_timeout_usec = 0,
                        std::function<uint64_t()> clock = {}, std::string link_helper = {})
      : ServerThread(*Paths::with_root(dir.path()), dir.file("rasman.sock"), hang_up_timeout_usec,
                     std::move(clock), std::move(link_helper)) {}
  ~ServerThread() {
    uint64_t one = 1;
    (void)!::write(stop_.get(), &one, sizeof one);
    thread_.join();
  }
  ServerThread(const ServerThread&) = delete;
  ServerThread& operator=(const ServerThread&) = delete;

  [[nodiscard]] const std::string& socket() const { return socket_; }

  // Holds the server's loop (it handles nothing) from when this returns until `resume`
  // runs: what clients and links send meanwhile waits in their sockets, to be read at once.
  void pause() {
    resume_ = std::promise<void>();
    std::shared_future<void> released = resume_.get_future().share();
    auto entered = std::make_shared<std::promise<void>>();
    std::future<void> held = entered->get_future();
    post([entered, released](Server&) {
      entered->set_value();
      released.wait();
    });
    held.wait();
  }
  void resume() { resume_.set_value(); }

  // Runs `f` on the server's thread, between two turns of its loop, and returns what it
  // returned: how a test reads (or acts on) the server without racing its loop.
  template <typename F>
  auto on_loop(F f) -> decltype(f(std::declval<Server&>())) {
    using R = decltype(f(std::declval<Server&>()));
    auto task = std::make_shared<std::packaged_task<R(Server&)>>(std::move(f));
    std::future<R> result = task->get_future();
    post([task](Server& server) { (*task)(server); });
    return result.get();
  }

 private:
  // Has the loop run `f` between two of its turns.
  void post(std::function<void(Server&)> f) {
    {
      std::lock_guard lock(mutex_);
      posted_.push_back(std::move(f));
    }
    uint64_t one = 1;
    (void)!::write(wake_.get(), &one, sizeof one);
  }
  void run_posted() {
    std::deque<std::function<void(Server&)>> posted;
    {
      std::lock_guard lock(mutex_);
      posted.swap(posted_);
    }
    for (auto& f : posted) f(*server_);
  }

  std::string socket_;
  UniqueFd stop_;
  UniqueFd wake_;
  std::promise<void> resume_;  // pause() until resume()
  std::mutex mutex_;
  std::deque<std::function<void(Server&)>> posted_;
  Server* server_ = nullptr;  // the server thread's, while it runs
  std::thread thread_;
};

}  // namespace openras::rasman
