// link_messages.cpp (fuzz): the link socket's messages in both directions (one packet at a
// time: src/link/message.h; a link's packet may hold several) never crash their parsers; what a
// parser accepts re-encodes to bytes that parse to the same message, and that encoding is canonical
// (fields skipped as unknown, or in another order, are not kept); rasmand's own checks of a link's
// report (states, counters, projection) take whatever the parser lets through.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <variant>
#include <vector>

#include "link/message.h"
#include "rasman/connection_table.h"
#include "rasman/statistics.h"

namespace {

bool same_start(const openras::link::StartMessage& a, const openras::link::StartMessage& b) {
  return a.user == b.user && a.password == b.password && a.domain == b.domain;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace openras;
  auto message = link::parse_link_message({data, size});
  if (message) {
    if (const auto* s = std::get_if<link::StateMessage>(&*message)) {
      (void)rasman::ConnectionTable::valid_state(s->state);
    } else if (const auto* c = std::get_if<link::LinkCounters>(&*message)) {
      (void)rasman::check_counters(link::LinkCounters{}, *c);
      (void)rasman::check_counters(*c, *c);
      auto zero = rasman::since_baseline(*c, *c);
      if (zero.bytes_sent != 0 || zero.buffer_overruns != 0) std::abort();
    } else {
      (void)rasman::check_projection(std::get<link::Projection>(*message));
    }
    auto bytes = link::encode_link_message(*message);
    auto again = link::parse_link_message(bytes);
    if (!again || *again != *message || link::encode_link_message(*again) != bytes) std::abort();
  }
  // A packet from a link: one message or several back to back. What it accepts is its
  // messages' encodings, in order, and re-encodes to a packet that parses the same.
  auto packet = link::parse_link_packet({data, size});
  if (message && (!packet || packet->size() != 1 || packet->front() != *message)) std::abort();
  if (packet) {
    std::vector<uint8_t> again;
    for (const auto& m : *packet) {
      auto bytes = link::encode_link_message(m);
      again.insert(again.end(), bytes.begin(), bytes.end());
    }
    auto reparsed = link::parse_link_packet(again);
    if (!reparsed || *reparsed != *packet) std::abort();
  }
  auto control = link::parse_control_message({data, size});
  if (control) {
    if (message) std::abort();  // one type, one direction
    auto back = link::encode_control_message(*control);
    if (!back) std::abort();
    auto again = link::parse_control_message(*back);
    if (!again || again->index() != control->index()) std::abort();
    if (const auto* start = std::get_if<link::StartMessage>(&*control)) {
      if (!same_start(*start, std::get<link::StartMessage>(*again))) std::abort();
    }
  }
  return 0;
}
