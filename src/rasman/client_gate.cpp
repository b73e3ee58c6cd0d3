// client_gate.cpp: see client_gate.h.
#include "rasman/client_gate.h"

#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "rasman/protocol.h"

namespace openras::rasman {

namespace {

std::string kib(std::size_t bytes) { return std::to_string(bytes / 1024) + " KiB"; }

uint32_t read_u32(const unsigned char* p, bool little) {
  return little
             ? uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24
             : uint32_t{p[3]} | uint32_t{p[2]} << 8 | uint32_t{p[1]} << 16 | uint32_t{p[0]} << 24;
}

constexpr std::size_t kReadChunk = 16 * 1024;

}  // namespace

// --- InboundFramer

Status InboundFramer::feed(const char* data, std::size_t size) {
  std::size_t i = 0;
  while (i < size) {
    if (!authenticated_) {
      char c = data[i++];
      if (++auth_bytes_ > max_auth_) {
        return fail(Errc::kInvalidData,
                    "the AUTH dialogue is longer than " + std::to_string(max_auth_) + " bytes");
      }
      if (auth_bytes_ == 1) {
        if (c != '\0') return fail(Errc::kInvalidData, "the AUTH dialogue must begin with NUL");
        continue;
      }
      line_ += c;
      if (line_.size() >= 2 && line_.compare(line_.size() - 2, 2, "\r\n") == 0) {
        if (line_ == "BEGIN\r\n") authenticated_ = true;
        line_.clear();
      }
      continue;
    }
    if (header_bytes_ < sizeof header_) {
      std::size_t take = std::min(sizeof header_ - header_bytes_, size - i);
      std::memcpy(header_ + header_bytes_, data + i, take);
      header_bytes_ += take;
      i += take;
      if (header_bytes_ == sizeof header_) {
        if (auto ok = header_complete(); !ok) return ok;
      }
      continue;
    }
    uint64_t take = std::min<uint64_t>(remaining_, size - i);
    i += static_cast<std::size_t>(take);
    remaining_ -= take;
    if (remaining_ == 0) {
      header_bytes_ = 0;
      ++messages_;
    }
  }
  return {};
}

Status InboundFramer::header_complete() {
  // The fixed part of a D-Bus message header: endianness ('l' or 'B'), type, flags,
  // version, body length, serial, then the length of the header-field array.
  bool little = header_[0] == 'l';
  if (!little && header_[0] != 'B') {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02x", header_[0]);
    return fail(Errc::kInvalidData,
                std::string("not a D-Bus message (endianness byte ") + byte + ")");
  }
  uint64_t body = read_u32(header_ + 4, little);
  uint64_t fields = read_u32(header_ + 12, little);
  uint64_t total = ((sizeof header_ + fields + 7) & ~uint64_t{7}) + body;
  if (total > max_message_) {
    return fail(Errc::kOutOfMemory, "a message of " + std::to_string(total) +
                                        " bytes (the limit is " + std::to_string(max_message_) +
                                        ")");
  }
  remaining_ = total - sizeof header_;
  if (remaining_ == 0) {
    header_bytes_ = 0;
    ++messages_;
  }
  return {};
}

bool InboundFramer::incomplete() const noexcept { return !authenticated_ || header_bytes_ > 0; }

// --- OutgoingBudget

Status OutgoingBudget::admit(uid_t uid, bool admin, std::size_t client_bytes,
                             std::size_t more) const {
  std::size_t client_limit = admin ? kMaxOutgoingPerAdminClient : kMaxOutgoingPerClient;
  if (client_bytes + more > client_limit) {
    return fail(Errc::kOutOfMemory,
                "more than " + kib(client_limit) + " of replies and signals it has not read");
  }
  if (!admin && of(uid) + more > kMaxOutgoingPerUser) {
    return fail(Errc::kOutOfMemory, "its uid's clients have more than " + kib(kMaxOutgoingPerUser) +
                                        " of replies and signals they have not read");
  }
  return {};
}

void OutgoingBudget::remove(uid_t uid, std::size_t bytes) {
  auto it = by_uid_.find(uid);
  if (it == by_uid_.end()) return;
  it->second -= std::min(it->second, bytes);
  if (it->second == 0) by_uid_.erase(it);
}

std::size_t OutgoingBudget::of(uid_t uid) const {
  auto it = by_uid_.find(uid);
  return it == by_uid_.end() ? 0 : it->second;
}

// --- ClientSockets

Result<std::unique_ptr<ClientSockets>> ClientSockets::start(sd_event* event) {
  std::unique_ptr<ClientSockets> sockets(new ClientSockets());
  sockets->epoll_.reset(::epoll_create1(EPOLL_CLOEXEC));
  if (!sockets->epoll_) return fail_errno(errno, "creating the clients' epoll descriptor");
  int r = sd_event_add_io(event, &sockets->source_, sockets->epoll_.get(), EPOLLIN, on_ready,
                          sockets.get());
  if (r < 0) return fail_errno(-r, "watching the clients' sockets");
  sd_event_source_set_description(sockets->source_, "client-sockets");
  return sockets;
}

ClientSockets::~ClientSockets() { sd_event_source_disable_unref(source_); }

uint64_t ClientSockets::add(ClientGate* gate) {
  uint64_t token = next_token_++;
  gates_.emplace(token, gate);
  return token;
}

Status ClientSockets::set(uint64_t token, int fd, uint32_t events, uint32_t& watched) {
  if (events == watched) return {};
  epoll_event e{};
  e.events = events;
  e.data.u64 = token;
  int op = events == 0 ? EPOLL_CTL_DEL : watched == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
  if (::epoll_ctl(epoll_.get(), op, fd, &e) < 0) {
    return fail_errno(errno, "watching the client's socket");
  }
  watched = events;
  return {};
}

int ClientSockets::on_ready(sd_event_source*, int, uint32_t, void* userdata) {
  auto* self = static_cast<ClientSockets*>(userdata);
  epoll_event ready[kBatch];
  int n = ::epoll_wait(self->epoll_.get(), ready, kBatch, 0);
  for (int i = 0; i < n; ++i) {
    // Copied out: epoll_event is packed on x86-64, so its members may be misaligned.
    const uint64_t token = ready[i].data.u64;
    const uint32_t events = ready[i].events;
    // A gate that closed meanwhile (in this batch) is gone from the map: nothing to call.
    auto it = self->gates_.find(token);
    if (it != self->gates_.end()) it->second->on_client(events);
  }
  return 0;
}

// --- ClientGate

Result<std::unique_ptr<ClientGate>> ClientGate::start(
    sd_event* event, ClientSockets& sockets, UniqueFd client, uid_t uid, bool admin,
    OutgoingBudget& budget, const GateLimits& limits,
    std::function<void(const std::string&)> on_close, int* bus_end) {
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, pair) < 0) {
    return fail_errno(errno, "creating the client's socketpair");
  }
  UniqueFd theirs(pair[1]);
  std::unique_ptr<ClientGate> gate(new ClientGate(sockets, uid, admin, budget, limits));
  gate->bus_.reset(pair[0]);
  gate->client_ = std::move(client);
  gate->on_close_ = std::move(on_close);
  gate->token_ = sockets.add(gate.get());
  if (auto ok = sockets.set(gate->token_, gate->client_.get(), EPOLLIN, gate->client_watched_);
      !ok) {
    return openras::fail(ok.error());
  }
  int r = sd_event_add_io(event, &gate->bus_source_, gate->bus_.get(), EPOLLIN, on_bus, gate.get());
  if (r >= 0) {
    // The AUTH dialogue has the same deadline as a message.
    r = sd_event_add_time_relative(event, &gate->deadline_, CLOCK_MONOTONIC,
                                   limits.message_deadline_usec, 0, on_deadline, gate.get());
  }
  if (r < 0) return fail_errno(-r, "watching the client's socket");
  *bus_end = theirs.release();
  return gate;
}

ClientGate::~ClientGate() {
  close_all();
  sockets_.remove(token_);
}

void ClientGate::on_client(uint32_t events) {
  if (events & EPOLLOUT) write_client();
  if (!closed_ && (events & (EPOLLIN | EPOLLHUP | EPOLLERR))) read_client();
  if (!closed_) update_events();
}

int ClientGate::on_bus(sd_event_source*, int, uint32_t events, void* userdata) {
  auto* self = static_cast<ClientGate*>(userdata);
  if (events & EPOLLOUT) self->forward_to_bus();
  if (!self->closed_ && (events & (EPOLLIN | EPOLLHUP | EPOLLERR))) self->read_bus();
  if (!self->closed_) self->update_events();
  return 0;
}

int ClientGate::on_deadline(sd_event_source*, uint64_t, void* userdata) {
  auto* self = static_cast<ClientGate*>(userdata);
  self->fail(std::string(self->framer_.authenticated() ? "a message" : "its AUTH dialogue") +
             " did not arrive whole within " +
             std::to_string(self->limits_.message_deadline_usec / 1000000) + " s");
  return 0;
}

void ClientGate::read_client() {
  if (client_eof_ || reading_stopped_ || !in_.empty()) return;
  char buffer[kReadChunk];
  ssize_t n = ::read(client_.get(), buffer, sizeof buffer);
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
  if (n <= 0) {
    // The client left (or broke its socket): what it sent is passed on, then sd-bus sees
    // the end of the stream and the server drops the client.
    client_eof_ = true;
    forward_to_bus();
    return;
  }
  uint64_t before = framer_.messages();
  bool was_authenticated = framer_.authenticated();
  bool was_incomplete = framer_.incomplete();
  if (auto ok = framer_.feed(buffer, static_cast<std::size_t>(n)); !ok) {
    fail(ok.error().message);
    return;
  }
  // The AUTH dialogue, then each message, gets the whole deadline from its first byte.
  if (!framer_.incomplete()) {
    sd_event_source_set_enabled(deadline_, SD_EVENT_OFF);
  } else if (!was_incomplete || framer_.messages() != before ||
             framer_.authenticated() != was_authenticated) {
    uint64_t now = 0;
    sd_event_now(sd_event_source_get_event(deadline_), CLOCK_MONOTONIC, &now);
    sd_event_source_set_time(deadline_, now + limits_.message_deadline_usec);
    sd_event_source_set_enabled(deadline_, SD_EVENT_ONESHOT);
  }
  in_.append(buffer, static_cast<std::size_t>(n));
  forward_to_bus();
  if (!closed_ && serve_) serve_();  // its replies come back through drain()
}

void ClientGate::drain() {
  if (closed_) return;
  read_bus();
  if (!closed_) update_events();
}

void ClientGate::forward_to_bus() {
  while (!in_.empty()) {
    ssize_t n = ::send(bus_.get(), in_.data(), in_.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) return;
      close_all();  // sd-bus's end is gone; so is the client, as far as rasmand cares
      return;
    }
    in_.erase(0, static_cast<std::size_t>(n));
  }
  if (client_eof_) ::shutdown(bus_.get(), SHUT_WR);
}

void ClientGate::read_bus() {
  char buffer[kReadChunk];
  bool read_any = false;
  for (;;) {
    ssize_t n = ::read(bus_.get(), buffer, sizeof buffer);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) break;
    if (n <= 0) {
      // sd-bus closed the connection (the peer is being dropped): flush nothing more.
      close_all();
      return;
    }
    read_any = true;
    std::size_t more = static_cast<std::size_t>(n);
    if (auto ok = budget_.admit(uid_, admin_, queued(), more); !ok) {
      fail(ok.error().message);
      return;
    }
    if (client_) {  // else the client is gone: discard, so sd-bus is never held up
      out_.append(buffer, more);
      budget_.add(uid_, more);
    }
    // A short read emptied the socketpair: only this thread writes its other end.
    if (more < sizeof buffer) break;
  }
  write_client();
  if (read_any && !closed_ && room_) room_();
}

void ClientGate::write_client() {
  while (queued() > 0 && client_) {
    ssize_t n =
        ::send(client_.get(), out_.data() + out_sent_, queued(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) break;
    if (n < 0) {
      client_gone();
      return;
    }
    out_sent_ += static_cast<std::size_t>(n);
    budget_.remove(uid_, static_cast<std::size_t>(n));
  }
  if (out_sent_ == out_.size()) {
    out_.clear();
    out_sent_ = 0;
    if (out_.capacity() > kOutgoingLowWater) out_.shrink_to_fit();
  } else if (out_sent_ > out_.size() / 2) {
    out_.erase(0, out_sent_);
    out_sent_ = 0;
  }
}

void ClientGate::client_gone() {
  // The client cannot be written any more: drop what waits for it and pass on what it
  // sent; sd-bus then sees the end of the stream.
  unwatch_client();
  client_.reset();
  budget_.remove(uid_, queued());
  out_ = std::string();
  out_sent_ = 0;
  client_eof_ = true;
  forward_to_bus();
}

void ClientGate::update_events() {
  // Reading stops while a checked chunk waits for sd-bus (backpressure from its socket)
  // and while the client has more than the low water mark of unread replies.
  uint32_t client_events = 0;
  if (!client_eof_ && !reading_stopped_ && in_.empty() && queued() < kOutgoingLowWater) {
    client_events |= EPOLLIN;
  }
  if (queued() > 0) client_events |= EPOLLOUT;
  if (client_) {  // else gone: nothing to watch
    if (auto ok = sockets_.set(token_, client_.get(), client_events, client_watched_); !ok) {
      fail(ok.error().message);
      return;
    }
  }
  sd_event_source_set_io_events(bus_source_, in_.empty() ? EPOLLIN : EPOLLIN | EPOLLOUT);
}

void ClientGate::unwatch_client() {
  if (client_) (void)sockets_.set(token_, client_.get(), 0, client_watched_);
  client_watched_ = 0;  // closing the socket drops it from the epoll set in any case
}

bool ClientGate::pending() const noexcept {
  if (closed_ || !client_) return false;
  int unread = 0;
  return queued() > 0 || (::ioctl(bus_.get(), FIONREAD, &unread) == 0 && unread > 0);
}

void ClientGate::stop_reading() {
  reading_stopped_ = true;
  if (!closed_) update_events();
}

void ClientGate::fail(const std::string& why) {
  if (closed_) return;
  close_all();
  if (on_close_) on_close_(why);
}

void ClientGate::close_all() {
  if (closed_) return;
  closed_ = true;
  unwatch_client();
  bus_source_ = sd_event_source_disable_unref(bus_source_);
  deadline_ = sd_event_source_disable_unref(deadline_);
  budget_.remove(uid_, queued());
  out_ = std::string();
  out_sent_ = 0;
  in_ = std::string();
  client_.reset();
  bus_.reset();
}

}  // namespace openras::rasman
