// event_recorder.h: a SessionHost base for tests and benchmarks that keeps every event and
// finds the first of a kind. Not part of the library.
#pragma once

#include <variant>
#include <vector>

#include "ppp/session.h"

namespace openras::ppp {

class EventRecorder : public SessionHost {
 public:
  std::vector<Event> events;
  void event(const Event& e) override { events.push_back(e); }
  // The first event of type T, or nullptr.
  template <class T>
  const T* find() const {
    for (const Event& e : events) {
      if (auto* t = std::get_if<T>(&e)) return t;
    }
    return nullptr;
  }
};

}  // namespace openras::ppp
