// clock.cpp: the one out-of-line member, so Clock's vtable has a home.
#include "base/clock.h"

namespace openras::base {

Clock::~Clock() = default;

}  // namespace openras::base
