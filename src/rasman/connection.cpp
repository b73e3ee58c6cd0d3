// connection.cpp: see connection.h.
#include "rasman/connection.h"

#include <cstring>
#include <utility>

#include "base/log.h"
#include "rasman/links.h"
#include "rasman/protocol.h"

namespace openras::rasman {

namespace {

// sd-event reads an accuracy of 0 as its default (250 ms); these timers end calls a client
// waits for, so they fire when due.
constexpr uint64_t kWhenDue = 1;

unsigned long long hex(uint64_t handle) { return static_cast<unsigned long long>(handle); }

}  // namespace

Connection::Connection(sd_event* event, uint64_t handle, Links* links,
                       ConnectionCallbacks callbacks)
    : event_(sd_event_ref(event)),
      handle_(handle),
      links_(links),
      callbacks_(std::move(callbacks)) {}

Connection::~Connection() {
  // connection.h's order: the waiting calls, the timers, the link, the terminal, the
  // interface.
  answer_statistics_ended();
  answer_hang_ups();
  stop_timers();
  hang_up_link();
  terminal_.reset();
  interface_.reset();
  sd_event_unref(event_);
}

void Connection::end() {
  if (phase_ == Phase::kEnding) return;
  phase_ = Phase::kEnding;
  answer_statistics_ended();
  stop_timers();
  hang_up_link();
  terminal_.reset();
  interface_.reset();
}

void Connection::answer_when_released(sd_bus_message* call) { hang_ups_.emplace_back(call); }

void Connection::answer_hang_ups() {
  // Its link has ended and its port is free (or rasmand is stopping, which ends both).
  for (PendingCall& call : std::exchange(hang_ups_, {})) {
    if (int r = sd_bus_reply_method_return(call.get(), nullptr); r < 0) {
      LOG_DEBUG("connection 0x%llx: answering HangUp: %s", hex(handle_), std::strerror(-r));
    }
  }
}

void Connection::answer_statistics_ended() {
  for (StatisticsCall& waiting : std::exchange(statistics_, {})) {
    int r = sd_bus_reply_method_errorf(waiting.call.get(), kErrorNotFound,
                                       "connection 0x%llx ended before its link answered",
                                       hex(handle_));
    if (r < 0) {
      LOG_DEBUG("connection 0x%llx: answering a statistics call: %s", hex(handle_),
                std::strerror(-r));
    }
  }
}

void Connection::stop_timers() {
  statistics_timer_ = sd_event_source_disable_unref(statistics_timer_);
  hang_up_timer_ = sd_event_source_disable_unref(hang_up_timer_);
}

void Connection::hang_up_link() {
  // Nothing when it has already been stopped, has ended, or never started.
  if (links_ != nullptr) links_->stop(handle_);
}

Status Connection::arm_hang_up_timer(uint64_t usec) {
  if (hang_up_timer_ != nullptr) return {};
  int r = sd_event_add_time_relative(event_, &hang_up_timer_, CLOCK_MONOTONIC, usec, kWhenDue,
                                     on_hang_up_timer, this);
  if (r < 0) return fail_errno(-r, "arming the hang-up timer");
  sd_event_source_set_description(hang_up_timer_, "hang-up-timeout");
  return {};
}

int Connection::on_hang_up_timer(sd_event_source*, uint64_t, void* userdata) {
  auto* self = static_cast<Connection*>(userdata);
  self->hang_up_timer_ = sd_event_source_disable_unref(self->hang_up_timer_);
  // The callback may destroy the object: nothing of it is touched after the call.
  auto overdue = self->callbacks_.on_hang_up_overdue;
  if (overdue) overdue(self->handle_);
  return 0;
}

Status Connection::wait_for_statistics(sd_bus_message* call, bool clear, uint64_t timeout_usec) {
  if (statistics_timer_ == nullptr) {
    int r = sd_event_add_time_relative(event_, &statistics_timer_, CLOCK_MONOTONIC, timeout_usec,
                                       kWhenDue, on_statistics_timer, this);
    if (r < 0) return fail_errno(-r, "arming the statistics timer");
    sd_event_source_set_description(statistics_timer_, "statistics-timeout");
  }
  statistics_.push_back(StatisticsCall{PendingCall(call), clear});
  return {};
}

std::vector<StatisticsCall> Connection::take_statistics_calls() {
  statistics_timer_ = sd_event_source_disable_unref(statistics_timer_);
  return std::exchange(statistics_, {});
}

std::vector<sd_event_source*> Connection::timers() const {
  std::vector<sd_event_source*> armed;
  for (sd_event_source* timer : {statistics_timer_, hang_up_timer_}) {
    if (timer != nullptr) armed.push_back(timer);
  }
  return armed;
}

int Connection::on_statistics_timer(sd_event_source*, uint64_t, void* userdata) {
  auto* self = static_cast<Connection*>(userdata);
  self->statistics_timer_ = sd_event_source_disable_unref(self->statistics_timer_);
  auto overdue = self->callbacks_.on_statistics_overdue;
  if (overdue) overdue(self->handle_);
  return 0;
}

}  // namespace openras::rasman
