// subscriptions.h: what one client of rasmand asked to hear (Subscribe; docs/protocol.md
// "Subscriptions"). rasmand has no bus daemon to filter signals for it (peer-to-peer
// connections), so it filters itself: a connection's signals go to the clients whose
// subscriptions cover it, and that may see it (connection_table.h). Thread: the loop's.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <unordered_set>

#include "rasman/protocol.h"

namespace openras::rasman {

class Subscriptions {
 public:
  // Whether the root object's signals about a connection of `handle` owned by `owner` go
  // to this client (the table's may_see still applies).
  [[nodiscard]] bool covers(uint64_t handle, uid_t owner) const {
    return everything_ || connections_.count(handle) != 0 || owners_.count(owner) != 0;
  }
  // Whether it hears of connections it did not name (everything, or `owner`'s): where
  // ConnectionAdded goes. A client following one connection knows it already (it named it,
  // or dialled it and has the handle from the reply).
  [[nodiscard]] bool covers_new(uid_t owner) const {
    return everything_ || owners_.count(owner) != 0;
  }
  // Whether the connection objects' signals go to this client (may_see still applies).
  [[nodiscard]] bool objects() const { return objects_; }
  // Whether it takes StatesChanged (kSubscribeBatched).
  [[nodiscard]] bool batched() const { return batched_; }
  void set_batched() { batched_ = true; }
  [[nodiscard]] bool empty() const {
    return !everything_ && !objects_ && connections_.empty() && owners_.empty();
  }

  // Adds one (`id`: a handle for kConnection, a uid for kOwner); false when the client
  // follows kMaxSubscriptionsPerClient connections and owners already.
  [[nodiscard]] bool add(Subscription kind, uint64_t id) {
    switch (kind) {
      case Subscription::kEverything:
        everything_ = true;
        return true;
      case Subscription::kObjects:
        objects_ = true;
        return true;
      case Subscription::kConnection:
      case Subscription::kOwner: {
        auto& set = kind == Subscription::kConnection ? connections_ : owners_;
        if (set.count(id) != 0) return true;
        if (connections_.size() + owners_.size() >= kMaxSubscriptionsPerClient) return false;
        set.insert(id);
        return true;
      }
      case Subscription::kNone:
        return true;
    }
    return true;
  }
  // Removes one; kNone removes every subscription.
  void remove(Subscription kind, uint64_t id) {
    switch (kind) {
      case Subscription::kNone:
        *this = Subscriptions();
        break;
      case Subscription::kEverything:
        everything_ = false;
        break;
      case Subscription::kObjects:
        objects_ = false;
        break;
      case Subscription::kConnection:
        connections_.erase(id);
        break;
      case Subscription::kOwner:
        owners_.erase(static_cast<uid_t>(id));
        break;
    }
  }
  // The connection ended: a later one with the same handle (a dialer's handle, reused) is
  // not followed on its account.
  void forget(uint64_t handle) { connections_.erase(handle); }

 private:
  bool everything_ = false;
  bool objects_ = false;
  bool batched_ = false;
  std::unordered_set<uint64_t> connections_;
  std::unordered_set<uint64_t> owners_;  // uids
};

}  // namespace openras::rasman
