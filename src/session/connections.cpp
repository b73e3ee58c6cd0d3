// connections.cpp: the in-process custom-connection table (see connections.h).
#include "session/connections.h"

#include <algorithm>

namespace openras::session {

Connections& Connections::instance() {
  // Never destroyed: the client's event thread may still hang a connection up while the
  // process runs its exit handlers.
  static auto* table = new Connections;
  return *table;
}

namespace {
// How many ended handles are remembered (a process rarely has more than a few).
constexpr std::size_t kEndedMemory = 1024;
}  // namespace

void Connections::remember_ended(HRASCONN handle) {
  if (std::find(ended_.begin(), ended_.end(), handle) != ended_.end()) return;
  ended_.push_back(handle);
  if (ended_.size() > kEndedMemory) ended_.pop_front();
}

bool Connections::ended(HRASCONN handle) const {
  std::lock_guard lock(mutex_);
  return std::find(ended_.begin(), ended_.end(), handle) != ended_.end();
}

void Connections::add(Connection connection) {
  std::lock_guard lock(mutex_);
  std::erase(ended_, connection.handle);
  auto it = std::find_if(connections_.begin(), connections_.end(),
                         [&](const Connection& c) { return c.handle == connection.handle; });
  if (it != connections_.end()) {
    *it = std::move(connection);
  } else {
    connections_.push_back(std::move(connection));
  }
}

std::optional<Connection> Connections::find(HRASCONN handle) const {
  std::lock_guard lock(mutex_);
  for (const Connection& c : connections_) {
    if (c.handle == handle) return c;
  }
  return std::nullopt;
}

std::optional<Connection> Connections::find_public(uint64_t public_handle) const {
  std::lock_guard lock(mutex_);
  for (const Connection& c : connections_) {
    if (public_handle != 0 && c.public_handle == public_handle) return c;
  }
  return std::nullopt;
}

std::optional<Connection> Connections::take(HRASCONN handle) {
  std::lock_guard lock(mutex_);
  auto it = std::find_if(connections_.begin(), connections_.end(),
                         [&](const Connection& c) { return c.handle == handle; });
  if (it == connections_.end()) return std::nullopt;
  Connection taken = std::move(*it);
  connections_.erase(it);
  if (!taken.passthrough) remember_ended(taken.handle);
  return taken;
}

std::optional<Connection> Connections::take_public(uint64_t public_handle) {
  std::lock_guard lock(mutex_);
  auto it = std::find_if(connections_.begin(), connections_.end(), [&](const Connection& c) {
    return public_handle != 0 && c.public_handle == public_handle;
  });
  if (it == connections_.end()) return std::nullopt;
  Connection taken = std::move(*it);
  connections_.erase(it);
  if (!taken.passthrough) remember_ended(taken.handle);
  return taken;
}

bool Connections::set_public(HRASCONN handle, uint64_t public_handle) {
  std::lock_guard lock(mutex_);
  for (Connection& c : connections_) {
    if (c.handle == handle) {
      c.public_handle = public_handle;
      return true;
    }
  }
  return false;
}

bool Connections::mark_failed(HRASCONN handle, uint32_t state, uint32_t error) {
  std::lock_guard lock(mutex_);
  for (Connection& c : connections_) {
    if (c.handle == handle) {
      c.failed_state = state;
      c.failed_error = error;
      return true;
    }
  }
  return false;
}

void Connections::forget_public() {
  std::lock_guard lock(mutex_);
  for (Connection& c : connections_) c.public_handle = 0;
}

std::vector<Connection> Connections::list() const {
  std::lock_guard lock(mutex_);
  return connections_;
}

}  // namespace openras::session
