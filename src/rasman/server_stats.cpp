// server_stats.cpp: statistics and the PPP projection of connections (docs/protocol.md,
// "Statistics and projection"): GetStatistics, ClearStatistics, GetProjection, and the
// link reports they come from. A built-in connection's counters live in its link; rasmand
// asks for them (StatisticsRequest) and answers the call when the link's Statistics
// arrive. ClearStatistics stores the counters of that moment as a baseline; the link is
// never asked to reset, so its counters only grow and rasmand can check that they do.
#include <time.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "base/log.h"
#include "ras.h"
#include "raserror.h"
#include "rasman/protocol.h"
#include "rasman/server.h"
#include "rasman/statistics.h"
#include "rasman/values_codec.h"

namespace openras::rasman {

namespace {

// A link has not answered the earlier requests; more would only queue up behind them.
constexpr std::size_t kMaxPendingStatisticsCalls = 16;
// How long a link may take to answer a StatisticsRequest before the calls are answered
// from the counters it reported last (well inside a client's 5 s call timeout).
constexpr uint64_t kStatisticsTimeoutUsec = 2'000'000;

int reply_statistics(sd_bus_message* call, const link::LinkCounters& c, uint32_t bps,
                     uint64_t duration_ms) {
  ConnectionStatistics s;
  static_cast<ConnectionCounters&>(s) = c;
  s.bps = bps;
  s.connect_duration_ms = duration_ms;
  sd_bus_message* reply = nullptr;
  int r = sd_bus_message_new_method_return(call, &reply);
  if (r >= 0) r = rasman::append_statistics(reply, s);
  if (r >= 0) r = sd_bus_send(nullptr, reply, nullptr);
  sd_bus_message_unref(reply);
  return r;
}

uint64_t duration_ms(const ConnectionRecord& record, uint64_t now_usec) {
  if (!record.connected_usec || now_usec < *record.connected_usec) return 0;
  return (now_usec - *record.connected_usec) / 1000;
}

}  // namespace

int Server::append_statistics(sd_bus_message* m, const ConnectionRecord& record) const {
  ConnectionStatistics s;
  if (record.builtin) {
    static_cast<ConnectionCounters&>(s) = since_baseline(record.counters, record.baseline);
    s.bps = record.bps;
  }
  s.connect_duration_ms = duration_ms(record, monotonic_usec());
  int r = sd_bus_message_open_container(m, 'r', kStatisticsSignature);
  if (r >= 0) r = rasman::append_statistics(m, s);
  if (r >= 0) r = sd_bus_message_close_container(m);
  return r;
}

uint64_t Server::monotonic_usec() const {
  if (clock_) return clock_();
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000u + static_cast<uint64_t>(ts.tv_nsec) / 1000u;
}

void Server::on_link_message(uint64_t handle, const link::LinkMessage& message) {
  if (const auto* state = std::get_if<link::StateMessage>(&message)) {
    on_link_state(handle, state->state, state->error, state->speed, state->reason, state->number);
  } else if (const auto* counters = std::get_if<link::LinkCounters>(&message)) {
    on_link_statistics(handle, *counters);
  } else {
    on_link_projection(handle, std::get<link::Projection>(message));
  }
}

void Server::link_broke(uint64_t handle, const std::string& why) {
  LOG_WARNING("connection 0x%llx: %s; ending it", llx(handle), why.c_str());
  links_->stop(handle);
  end_builtin(handle, ERROR_LINK_FAILURE);
}

void Server::on_link_statistics(uint64_t handle, const link::LinkCounters& counters) {
  ConnectionRecord* record = table_.find(handle);
  if (record == nullptr) return;
  if (auto ok = check_counters(record->counters, counters); !ok) {
    link_broke(handle, ok.error().message);
    return;
  }
  record->counters = counters;
  answer_statistics(handle);
}

void Server::on_link_projection(uint64_t handle, const link::Projection& projection) {
  ConnectionRecord* record = table_.find(handle);
  if (record == nullptr) return;
  if (auto ok = check_projection(projection); !ok) {
    link_broke(handle, ok.error().message);
    return;
  }
  LOG_DEBUG("connection 0x%llx: projection IPv4 %u.%u.%u.%u (server %u.%u.%u.%u), auth 0x%x",
            llx(handle), projection.ipv4_address[0], projection.ipv4_address[1],
            projection.ipv4_address[2], projection.ipv4_address[3],
            projection.ipv4_server_address[0], projection.ipv4_server_address[1],
            projection.ipv4_server_address[2], projection.ipv4_server_address[3],
            projection.auth_protocol);
  record->projection = projection;
  // The link reports Connected right after this: the interface is ready before anyone
  // hears of the connection.
  const Connection* connection = find_connection(handle);
  ConnectionInterface* interface = connection ? connection->interface() : nullptr;
  if (interface != nullptr && projection.mtu != 0) {
    if (auto ok = interface->configure(projection); !ok) {
      LOG_ERROR("connection 0x%llx: %s; ending it (error %u)", llx(handle),
                ok.error().message.c_str(), static_cast<unsigned>(ERROR_IP_CONFIGURATION));
      links_->stop(handle);
      end_builtin(handle, ERROR_IP_CONFIGURATION);
      return;
    }
    LOG_INFO("connection 0x%llx: interface %s up: %u.%u.%u.%u peer %u.%u.%u.%u, MTU %u%s",
             llx(handle), interface->name().c_str(), projection.ipv4_address[0],
             projection.ipv4_address[1], projection.ipv4_address[2], projection.ipv4_address[3],
             projection.ipv4_server_address[0], projection.ipv4_server_address[1],
             projection.ipv4_server_address[2], projection.ipv4_server_address[3], projection.mtu,
             interface->dns_with_resolved() ? ", DNS with resolved" : "");
  }
}

void Server::on_statistics_overdue(uint64_t handle) {
  LOG_NOTICE(
      "connection 0x%llx: its link did not answer a statistics request within %llu ms; "
      "answering with the counters it reported last",
      llx(handle), static_cast<unsigned long long>(kStatisticsTimeoutUsec / 1000));
  answer_statistics(handle);
}

void Server::answer_statistics(uint64_t handle) {
  // Called when the link's counters arrive, and by the connection's statistics timer when
  // they do not in time. A connection that ended answered its calls then (connection.h).
  Connection* connection = find_connection(handle);
  ConnectionRecord* record = table_.find(handle);
  if (connection == nullptr || record == nullptr) return;
  for (StatisticsCall& call : connection->take_statistics_calls()) {
    int r;
    if (call.clear) {
      record->baseline = record->counters;
      r = sd_bus_reply_method_return(call.call.get(), nullptr);
    } else {
      r = reply_statistics(call.call.get(), since_baseline(record->counters, record->baseline),
                           record->bps, duration_ms(*record, monotonic_usec()));
    }
    if (r < 0) {
      LOG_DEBUG("connection 0x%llx: answering a statistics call: %s", llx(handle),
                std::strerror(-r));
    }
  }
}

int Server::statistics_call(sd_bus_message* call, const Caller& caller, uint64_t handle, bool clear,
                            sd_bus_error* error) {
  const char* method = clear ? "ClearStatistics" : "GetStatistics";
  auto record = table_.get(caller, handle);
  if (!record) return refuse_call(error, caller, method, handle, record.error());
  if (!record->builtin) {
    // A custom dialer's connection: rasmand sees none of its traffic.
    if (clear) return sd_bus_reply_method_return(call, nullptr);
    return reply_statistics(call, link::LinkCounters{}, 0, duration_ms(*record, monotonic_usec()));
  }
  Connection* connection = find_connection(handle);  // every listed built-in one has one
  std::size_t waiting = connection ? connection->statistics_waiting() : 0;
  if (waiting >= kMaxPendingStatisticsCalls) {
    return refuse_call(error, caller, method, handle,
                       Error{Errc::kOutOfMemory,
                             "the connection's link has not answered " + std::to_string(waiting) +
                                 " statistics requests yet",
                             0});
  }
  Status asked;
  if (connection == nullptr) {
    asked = fail(Errc::kInvalidHandle, "the connection has no object");
  } else if (waiting == 0) {
    auto request = link::encode_control_message(link::StatisticsRequest{});
    asked = request ? links_->send(handle, *request) : Status(fail(request.error()));
  }
  if (asked) asked = connection->wait_for_statistics(call, clear, kStatisticsTimeoutUsec);
  if (!asked) {
    LOG_WARNING("connection 0x%llx: asking its link for statistics: %s", llx(handle),
                asked.error().message.c_str());
    return refuse_call(error, caller, method, handle,
                       Error{Errc::kUnknown, "the connection's link does not answer", 0});
  }
  return 1;  // answered when the link's Statistics arrive (answer_statistics)
}

int get_statistics_method(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  Peer& peer = peer_of(userdata);
  uint64_t handle = 0;
  int r = sd_bus_message_read(m, "t", &handle);
  if (r < 0) return bad_message(error, "GetStatistics", r);
  return peer.server->statistics_call(m, peer.server->caller_of(peer, m), handle, false, error);
}

int clear_statistics_method(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  Peer& peer = peer_of(userdata);
  uint64_t handle = 0;
  int r = sd_bus_message_read(m, "t", &handle);
  if (r < 0) return bad_message(error, "ClearStatistics", r);
  return peer.server->statistics_call(m, peer.server->caller_of(peer, m), handle, true, error);
}

int get_projection_method(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  Peer& peer = peer_of(userdata);
  uint64_t handle = 0;
  int r = sd_bus_message_read(m, "t", &handle);
  if (r < 0) return bad_message(error, "GetProjection", r);
  Caller caller = peer.server->caller_of(peer, m);
  auto record = peer.server->table().get(caller, handle);
  if (!record) return refuse_call(error, caller, "GetProjection", handle, record.error());
  if (!record->projection) {
    if (!record->builtin) {
      return sd_bus_error_setf(error, kErrorProjectionNotComplete,
                               "connection 0x%llx is a custom dialer's: rasmand knows no "
                               "projection of it",
                               llx(handle));
    }
    return sd_bus_error_setf(error, kErrorProjectionNotComplete,
                             "connection 0x%llx has not finished PPP negotiation (%s)", llx(handle),
                             ConnectionTable::state_name(record->state).c_str());
  }
  const link::Projection& p = *record->projection;
  sd_bus_message* reply = nullptr;
  r = sd_bus_message_new_method_return(m, &reply);
  if (r >= 0) r = append_projection(reply, p);
  if (r >= 0) r = sd_bus_send(nullptr, reply, nullptr);
  sd_bus_message_unref(reply);
  return r;
}

}  // namespace openras::rasman
