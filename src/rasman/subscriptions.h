// subscriptions.h: what rasmand's clients asked to hear (Subscribe; docs/protocol.md
// "Subscriptions"). rasmand has no bus daemon to filter signals for it (peer-to-peer
// connections), so it filters itself: a connection's signals go to the clients whose
// subscriptions cover it, and that may see it (connection_table.h). SubscriberIndex finds
// those clients without looking at the others, so a signal costs what its subscribers do,
// however many clients are connected. Thread: the loop's.
#pragma once

#include <sys/types.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

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
  // Whether it may hear of any connection (everything, or the objects' signals).
  [[nodiscard]] bool broad() const { return everything_ || objects_; }
  [[nodiscard]] const std::unordered_set<uint64_t>& connections() const { return connections_; }
  [[nodiscard]] const std::unordered_set<uint64_t>& owners() const { return owners_; }

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

// Every client's Subscriptions, indexed by what they follow. Change a client's only
// through it, so the index never disagrees with what the client asked.
class SubscriberIndex {
 public:
  // What `peer` asked for (nothing if it never subscribed).
  [[nodiscard]] const Subscriptions& of(uint64_t peer) const {
    auto it = peers_.find(peer);
    return it == peers_.end() ? none_ : it->second;
  }
  // Subscriptions::add for `peer`; false at kMaxSubscriptionsPerClient.
  [[nodiscard]] bool add(uint64_t peer, Subscription kind, uint64_t id) {
    Subscriptions& s = peers_[peer];
    const std::size_t connections = s.connections().size();
    const std::size_t owners = s.owners().size();
    if (!s.add(kind, id)) return false;
    // Indexed only when it is new to the client (naming it again adds nothing).
    if (s.connections().size() > connections) by_handle_[id].push_back(peer);
    if (s.owners().size() > owners) by_owner_[static_cast<uid_t>(id)].push_back(peer);
    if (s.broad()) broad_.insert(peer);
    return true;
  }
  void set_batched(uint64_t peer) { peers_[peer].set_batched(); }
  // Subscriptions::remove for `peer` (kNone: all of its subscriptions).
  void remove(uint64_t peer, Subscription kind, uint64_t id) {
    auto it = peers_.find(peer);
    if (it == peers_.end()) return;
    Subscriptions& s = it->second;
    if (kind == Subscription::kNone) {
      unindex(peer, s);
      s.remove(kind, id);
      return;
    }
    // erase_from leaves the index as it was for what the client did not follow.
    if (kind == Subscription::kConnection) erase_from(by_handle_, id, peer);
    if (kind == Subscription::kOwner) erase_from(by_owner_, static_cast<uid_t>(id), peer);
    s.remove(kind, id);
    if (!s.broad()) broad_.erase(peer);
  }
  // Connection `handle` ended: a later one with the same handle is not followed on its
  // account (Subscriptions::forget, for every client that followed it).
  void forget(uint64_t handle) {
    auto it = by_handle_.find(handle);
    if (it == by_handle_.end()) return;
    for (uint64_t peer : it->second) peers_[peer].forget(handle);
    by_handle_.erase(it);
  }
  // The client left.
  void drop(uint64_t peer) {
    auto it = peers_.find(peer);
    if (it == peers_.end()) return;
    unindex(peer, it->second);
    peers_.erase(it);
  }
  // The clients a signal about connection `handle` of `owner` may go to, ascending, each
  // once: those following everything or the objects, the owner, or (unless `added`: a new
  // connection is news only to those who did not name it) the connection. Subscriptions::
  // covers and the table's may_see still decide.
  void candidates(uint64_t handle, uid_t owner, bool added, std::vector<uint64_t>& out) const {
    out.assign(broad_.begin(), broad_.end());
    if (auto it = by_owner_.find(owner); it != by_owner_.end()) {
      out.insert(out.end(), it->second.begin(), it->second.end());
    }
    if (!added) {
      if (auto it = by_handle_.find(handle); it != by_handle_.end()) {
        out.insert(out.end(), it->second.begin(), it->second.end());
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }

 private:
  template <class Key>
  static void erase_from(std::unordered_map<Key, std::vector<uint64_t>>& map, Key key,
                         uint64_t peer) {
    auto it = map.find(key);
    if (it == map.end()) return;
    std::erase(it->second, peer);
    if (it->second.empty()) map.erase(it);
  }
  void unindex(uint64_t peer, const Subscriptions& s) {
    for (uint64_t handle : s.connections()) erase_from(by_handle_, handle, peer);
    for (uint64_t owner : s.owners()) erase_from(by_owner_, static_cast<uid_t>(owner), peer);
    broad_.erase(peer);
  }

  Subscriptions none_;
  std::unordered_map<uint64_t, Subscriptions> peers_;
  std::set<uint64_t> broad_;  // everything or the objects
  std::unordered_map<uint64_t, std::vector<uint64_t>> by_handle_;
  std::unordered_map<uid_t, std::vector<uint64_t>> by_owner_;
};

}  // namespace openras::rasman
