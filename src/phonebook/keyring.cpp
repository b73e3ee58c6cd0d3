// keyring.cpp: the Secret Service client (see keyring.h).
#include "phonebook/keyring.h"

#include <sys/auxv.h>

#include <cstring>

#include <systemd/sd-bus.h>

namespace openras::phonebook {

namespace {

constexpr const char* kService = "org.freedesktop.secrets";
constexpr const char* kServicePath = "/org/freedesktop/secrets";
constexpr const char* kServiceInterface = "org.freedesktop.Secret.Service";
constexpr const char* kCollectionInterface = "org.freedesktop.Secret.Collection";
constexpr const char* kItemInterface = "org.freedesktop.Secret.Item";
constexpr const char* kSessionInterface = "org.freedesktop.Secret.Session";

// Owns a message, an error, or both, for one call.
struct Call {
  sd_bus_message* message = nullptr;
  sd_bus_message* reply = nullptr;
  sd_bus_error error{};  // SD_BUS_ERROR_NULL, without its C compound literal
  Call() = default;
  Call(const Call&) = delete;
  Call& operator=(const Call&) = delete;
  ~Call() {
    sd_bus_message_unref(message);
    sd_bus_message_unref(reply);
    sd_bus_error_free(&error);
  }
};

Error bus_error(int r, const Call& call, const std::string& what) {
  std::string detail = sd_bus_error_is_set(&call.error) != 0 && call.error.message != nullptr
                           ? call.error.message
                           : std::strerror(r < 0 ? -r : r);
  return Error{Errc::kNotFound, "the session keyring: " + what + ": " + detail, 0};
}

int append_attributes(sd_bus_message* m, const KeyringAttributes& attributes) {
  int r = sd_bus_message_open_container(m, 'a', "{ss}");
  if (r < 0) return r;
  if ((r = sd_bus_message_append(m, "{ss}", "xdg:schema", SessionKeyring::kSchema)) < 0) return r;
  for (const auto& [name, value] : attributes) {
    if ((r = sd_bus_message_append(m, "{ss}", name.c_str(), value.c_str())) < 0) return r;
  }
  return sd_bus_message_close_container(m);
}

// Reads an "ao" into `out`.
int read_paths(sd_bus_message* m, std::vector<std::string>* out) {
  int r = sd_bus_message_enter_container(m, 'a', "o");
  if (r < 0) return r;
  const char* path = nullptr;
  while ((r = sd_bus_message_read_basic(m, 'o', &path)) > 0) out->emplace_back(path);
  if (r < 0) return r;
  return sd_bus_message_exit_container(m);
}

}  // namespace

Result<SessionKeyring> SessionKeyring::open() {
  if (::getauxval(AT_SECURE) != 0) {
    return fail(Errc::kNotFound, "the session keyring is not used by set-user-ID programs");
  }
  sd_bus* bus = nullptr;
  int r = sd_bus_open_user(&bus);
  if (r < 0) return fail_errno(-r, "the session keyring: no session bus");
  SessionKeyring keyring(bus, "");
  Call call;
  r = sd_bus_message_new_method_call(bus, &call.message, kService, kServicePath, kServiceInterface,
                                     "OpenSession");
  if (r >= 0) r = sd_bus_message_append(call.message, "sv", "plain", "s", "");
  if (r >= 0) r = sd_bus_call(bus, call.message, kCallTimeoutUsec, &call.error, &call.reply);
  if (r < 0) return fail(bus_error(r, call, "opening a session"));
  const char* session = nullptr;
  if ((r = sd_bus_message_skip(call.reply, "v")) < 0 ||
      (r = sd_bus_message_read(call.reply, "o", &session)) < 0) {
    return fail(bus_error(r, call, "reading OpenSession's reply"));
  }
  keyring.session_ = session;
  return keyring;
}

SessionKeyring::SessionKeyring(SessionKeyring&& other) noexcept
    : bus_(other.bus_), session_(std::move(other.session_)) {
  other.bus_ = nullptr;
}

SessionKeyring::~SessionKeyring() {
  if (bus_ == nullptr) return;
  if (!session_.empty()) {
    sd_bus_call_method(bus_, kService, session_.c_str(), kSessionInterface, "Close", nullptr,
                       nullptr, "");
  }
  sd_bus_flush_close_unref(bus_);
}

Result<std::vector<std::string>> SessionKeyring::search(const KeyringAttributes& attributes) {
  Call call;
  int r = sd_bus_message_new_method_call(bus_, &call.message, kService, kServicePath,
                                         kServiceInterface, "SearchItems");
  if (r >= 0) r = append_attributes(call.message, attributes);
  if (r >= 0) r = sd_bus_call(bus_, call.message, kCallTimeoutUsec, &call.error, &call.reply);
  if (r < 0) return fail(bus_error(r, call, "searching"));
  std::vector<std::string> unlocked, locked;
  if ((r = read_paths(call.reply, &unlocked)) < 0 || (r = read_paths(call.reply, &locked)) < 0) {
    return fail(bus_error(r, call, "reading SearchItems' reply"));
  }
  return unlocked;
}

Result<std::optional<std::string>> SessionKeyring::lookup(const KeyringAttributes& attributes) {
  auto items = search(attributes);
  if (!items) return fail(items.error());
  if (items->empty()) return std::optional<std::string>();
  Call call;
  int r = sd_bus_message_new_method_call(bus_, &call.message, kService, kServicePath,
                                         kServiceInterface, "GetSecrets");
  if (r >= 0) r = sd_bus_message_append(call.message, "ao", 1, items->front().c_str());
  if (r >= 0) r = sd_bus_message_append(call.message, "o", session_.c_str());
  if (r >= 0) r = sd_bus_call(bus_, call.message, kCallTimeoutUsec, &call.error, &call.reply);
  if (r < 0) return fail(bus_error(r, call, "reading a secret"));
  // a{o(oayays)}: item → (session, parameters, value, content type).
  std::optional<std::string> secret;
  r = sd_bus_message_enter_container(call.reply, 'a', "{o(oayays)}");
  while (r >= 0 && (r = sd_bus_message_enter_container(call.reply, 'e', "o(oayays)")) > 0) {
    const char* item = nullptr;
    const char* session = nullptr;
    const void* parameters = nullptr;
    const void* value = nullptr;
    size_t parameters_size = 0, value_size = 0;
    if ((r = sd_bus_message_read_basic(call.reply, 'o', &item)) < 0 ||
        (r = sd_bus_message_enter_container(call.reply, 'r', "oayays")) < 0 ||
        (r = sd_bus_message_read_basic(call.reply, 'o', &session)) < 0 ||
        (r = sd_bus_message_read_array(call.reply, 'y', &parameters, &parameters_size)) < 0 ||
        (r = sd_bus_message_read_array(call.reply, 'y', &value, &value_size)) < 0 ||
        (r = sd_bus_message_skip(call.reply, "s")) < 0 ||
        (r = sd_bus_message_exit_container(call.reply)) < 0 ||
        (r = sd_bus_message_exit_container(call.reply)) < 0) {
      break;
    }
    if (!secret) secret.emplace(static_cast<const char*>(value), value_size);
  }
  if (r < 0) return fail(bus_error(r, call, "reading GetSecrets' reply"));
  return secret;
}

Status SessionKeyring::store(const KeyringAttributes& attributes, const std::string& label,
                             std::string_view secret) {
  Call alias;
  int r = sd_bus_call_method(bus_, kService, kServicePath, kServiceInterface, "ReadAlias",
                             &alias.error, &alias.reply, "s", "default");
  const char* collection = nullptr;
  if (r >= 0) r = sd_bus_message_read(alias.reply, "o", &collection);
  if (r < 0) return fail(bus_error(r, alias, "finding the default collection"));
  if (std::strcmp(collection, "/") == 0) {
    return fail(Errc::kNotFound, "the session keyring has no default collection");
  }
  Call call;
  r = sd_bus_message_new_method_call(bus_, &call.message, kService, collection,
                                     kCollectionInterface, "CreateItem");
  auto append = [&](auto... args) {
    if (r >= 0) r = sd_bus_message_append(call.message, args...);
  };
  auto open = [&](char type, const char* contents) {
    if (r >= 0) r = sd_bus_message_open_container(call.message, type, contents);
  };
  auto close = [&] {
    if (r >= 0) r = sd_bus_message_close_container(call.message);
  };
  open('a', "{sv}");
  append("{sv}", "org.freedesktop.Secret.Item.Label", "s", label.c_str());
  open('e', "sv");
  append("s", "org.freedesktop.Secret.Item.Attributes");
  open('v', "a{ss}");
  if (r >= 0) r = append_attributes(call.message, attributes);
  close();
  close();
  close();
  open('r', "oayays");
  append("o", session_.c_str());
  if (r >= 0) r = sd_bus_message_append_array(call.message, 'y', nullptr, 0);
  if (r >= 0) r = sd_bus_message_append_array(call.message, 'y', secret.data(), secret.size());
  append("s", "text/plain; charset=utf8");
  close();
  append("b", 1);  // replace the item these attributes name
  if (r >= 0) r = sd_bus_call(bus_, call.message, kCallTimeoutUsec, &call.error, &call.reply);
  if (r < 0) return fail(bus_error(r, call, "storing a secret"));
  const char* item = nullptr;
  const char* prompt = nullptr;
  if ((r = sd_bus_message_read(call.reply, "oo", &item, &prompt)) < 0) {
    return fail(bus_error(r, call, "reading CreateItem's reply"));
  }
  if (std::strcmp(prompt, "/") != 0) {
    // Dismissed unanswered: nothing is stored until a prompt is completed.
    sd_bus_call_method(bus_, kService, prompt, "org.freedesktop.Secret.Prompt", "Dismiss", nullptr,
                       nullptr, "");
    return fail(Errc::kAccessDenied, "the session keyring's default collection is locked");
  }
  return {};
}

Status SessionKeyring::remove(const KeyringAttributes& attributes) {
  auto items = search(attributes);
  if (!items) return fail(items.error());
  for (const auto& item : *items) {
    Call call;
    int r = sd_bus_call_method(bus_, kService, item.c_str(), kItemInterface, "Delete", &call.error,
                               &call.reply, "");
    if (r < 0) return fail(bus_error(r, call, "deleting " + item));
  }
  return {};
}

}  // namespace openras::phonebook
