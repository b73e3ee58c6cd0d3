// test_device.cpp: the test device's driver (docs/devices.md "The test device"): no
// hardware; walks OpenPort … Connected, each step `delay:MS` after the previous, then
// holds the line until hang-up.
#include <algorithm>
#include <cstring>
#include <optional>

#include "link/driver.h"
#include "ras.h"
#include "raserror.h"

namespace openras::link {

namespace {

constexpr int kMaxDelayMs = 10000;

// The test device's far end, as its phone number describes it.
struct TestNumber {
  std::optional<LinkFailure> failure;  // at ConnectDevice
  int delay_ms = 0;
  bool check_auth = false;
  std::string user;
  std::string password;
};

TestNumber parse_test_number(const std::string& number) {
  TestNumber t;
  if (number == "busy") t.failure = LinkFailure::kBusy;
  if (number == "nocarrier") t.failure = LinkFailure::kNoCarrier;
  if (number.rfind("delay:", 0) == 0) {
    std::string digits = number.substr(6);
    if (!digits.empty() && digits.size() <= 9 &&
        digits.find_first_not_of("0123456789") == std::string::npos) {
      t.delay_ms = std::min(std::stoi(digits), kMaxDelayMs);
    }
  }
  if (number.rfind("auth:", 0) == 0) {
    std::string rest = number.substr(5);
    std::size_t colon = rest.find(':');
    t.check_auth = true;
    t.user = rest.substr(0, colon);
    t.password = colon == std::string::npos ? std::string() : rest.substr(colon + 1);
  }
  return t;
}

constexpr uint32_t kWalk[] = {RASCS_OpenPort,
                              RASCS_PortOpened,
                              RASCS_ConnectDevice,
                              RASCS_DeviceConnected,
                              RASCS_AllDevicesConnected,
                              RASCS_Authenticate,
                              RASCS_Authenticated,
                              RASCS_Connected};

class TestDriver final : public LinkDriver {
 public:
  explicit TestDriver(DriverArgs args)
      : number_(parse_test_number(args.phone_number)),
        credentials_(std::move(args.credentials)),
        with_credentials_(!credentials_.empty()) {}

  ~TestDriver() override {
    wipe(number_.user);
    wipe(number_.password);
  }

  void start(LinkHost& host) override {
    host_ = &host;
    walk();
  }

  void on_timer() override { walk(); }

 private:
  // Reports the next state, and the ones after it at once unless there is a delay.
  void walk() {
    while (next_ < std::size(kWalk)) {
      if (!step(kWalk[next_++])) return;      // failed, or rasmand is gone
      if (next_ == std::size(kWalk)) return;  // Connected: held until hang-up
      if (number_.delay_ms > 0) {
        host_->set_timer(host_->clock().now() + std::chrono::milliseconds(number_.delay_ms));
        return;
      }
    }
  }

  bool step(uint32_t state) {
    if (state == RASCS_ConnectDevice && number_.failure) {
      host_->fail(state, *number_.failure,
                  "test device: number \"" +
                      std::string(number_.failure == LinkFailure::kBusy ? "busy" : "nocarrier") +
                      "\" fails at ConnectDevice");
      return false;
    }
    if (state == RASCS_Authenticate) {
      bool accepted = !number_.check_auth || (credentials_.user == number_.user &&
                                              credentials_.password == number_.password);
      // Authentication is over either way: the secrets are not needed any more.
      wipe(credentials_.user);
      wipe(credentials_.password);
      wipe(credentials_.domain);
      wipe(number_.user);
      wipe(number_.password);
      if (!accepted) {
        host_->fail(state, LinkFailure::kAuthenticationFailed,
                    "test device: the far end refused the credentials");
        return false;
      }
    }
    if (state == RASCS_Connected && !host_->report_projection(projection())) return false;
    return host_->report(state);
  }

  [[nodiscard]] Projection projection() const {
    Projection projection;
    const uint8_t local[4] = {192, 0, 2, 2};  // RFC 5737 TEST-NET-1
    const uint8_t server[4] = {192, 0, 2, 1};
    std::memcpy(projection.ipv4_address, local, 4);
    std::memcpy(projection.ipv4_server_address, server, 4);
    // Neither IPv6 nor compression is attempted: "the phone-book entry did not require
    // that an attempt to negotiate the protocol be made" (docs/devices.md).
    projection.ipv6_error = ERROR_PROTOCOL_NOT_CONFIGURED;
    projection.ccp_error = ERROR_PROTOCOL_NOT_CONFIGURED;
    projection.auth_protocol = with_credentials_ ? RASLCPAP_PAP : 0;
    return projection;
  }

  TestNumber number_;
  StartMessage credentials_;
  const bool with_credentials_;
  std::size_t next_ = 0;
  LinkHost* host_ = nullptr;
};

}  // namespace

std::unique_ptr<LinkDriver> make_test_driver(DriverArgs args) {
  return std::make_unique<TestDriver>(std::move(args));
}

}  // namespace openras::link
