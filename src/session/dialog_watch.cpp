// dialog_watch.cpp: DialogWatch (session.h) and its hooks (dialog_watch.h).
#include "session/dialog_watch.h"

#include <strings.h>

#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "base/log.h"
#include "session/builtin_dial.h"
#include "session/session.h"

namespace openras::session {

namespace {

struct Watch {
  uint64_t id = 0;
  std::string phonebook;
  std::string entry;
  std::thread::id thread;
  std::function<void(const std::string&)> on_hung_up;
  bool fired = false;
};

struct Watches {
  std::mutex mutex;
  uint64_t next_id = 1;
  std::vector<Watch> list;
};

Watches& watches() {
  static auto* w = new Watches;  // never destroyed: a late event may still look
  return *w;
}

// The same entry: its name as RAS compares names (case-insensitive), and the same phone
// book where both sides know it.
bool same_entry(const Watch& w, const ConnectionIdentity& who) {
  if (::strcasecmp(w.entry.c_str(), who.entry.c_str()) != 0) return false;
  return w.phonebook.empty() || who.phonebook.empty() || w.phonebook == who.phonebook;
}

// Fires, once each, the watches of `who`'s entry that `include` accepts.
void fire(const ConnectionIdentity& who, const std::string& why,
          const std::function<bool(const Watch&)>& include) {
  std::vector<std::function<void(const std::string&)>> calls;
  {
    Watches& w = watches();
    std::lock_guard lock(w.mutex);
    for (Watch& watch : w.list) {
      if (watch.fired || !same_entry(watch, who) || !include(watch)) continue;
      watch.fired = true;
      calls.push_back(watch.on_hung_up);
    }
  }
  for (const auto& call : calls) {
    LOG_DEBUG("the dial dialog of \"%s\": %s", who.entry.c_str(), why.c_str());
    call(why);
  }
}

}  // namespace

void hung_up_elsewhere(const ConnectionIdentity& who, const std::string& why) {
  fire(who, why, [](const Watch&) { return true; });
}

void hung_up_here(const ConnectionIdentity& who) {
  if (in_notifier()) return;
  const std::thread::id self = std::this_thread::get_id();
  fire(who, "the dial was hung up (RasHangUp on another thread)",
       [&](const Watch& w) { return w.thread != self; });
}

DialogWatch::DialogWatch(std::string phonebook, std::string entry,
                         std::function<void(const std::string&)> on_hung_up) {
  Watches& w = watches();
  std::lock_guard lock(w.mutex);
  id_ = w.next_id++;
  w.list.push_back(Watch{id_, std::move(phonebook), std::move(entry), std::this_thread::get_id(),
                         std::move(on_hung_up)});
}

DialogWatch::~DialogWatch() {
  Watches& w = watches();
  std::lock_guard lock(w.mutex);
  std::erase_if(w.list, [&](const Watch& watch) { return watch.id == id_; });
}

}  // namespace openras::session
