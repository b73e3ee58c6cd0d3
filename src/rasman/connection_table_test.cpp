// connection_table_test.cpp: the permission rules and bookkeeping of rasmand's table.
#include "rasman/connection_table.h"

#include <gtest/gtest.h>

#include <set>

#include "ras.h"
#include "rasman/protocol.h"

namespace openras::rasman {
namespace {

const Caller kAlice{1001, 11, false, 1};
const Caller kBob{1002, 22, false, 2};
const Caller kRoot{0, 1, true, 3};

ConnectionRecord record(uint64_t handle, std::string entry = "Office") {
  ConnectionRecord r;
  r.handle = handle;
  r.dialer = "/usr/lib/openras/dialers/example.so";
  r.phonebook = "/etc/openras/pbk/rasphone.pbk";
  r.entry = std::move(entry);
  r.device_type = "modem";
  r.device_name = "Test Modem";
  r.phone_number = "555-0100";
  return r;
}

TEST(ConnectionTable, RegistrationTakesOwnerFromTheCallerNotTheRecord) {
  ConnectionTable table;
  ConnectionRecord r = record(0x10);
  r.owner_uid = 0;  // a peer cannot claim to be someone else
  r.pid = 999;
  auto added = table.add(kAlice, r, 1700000000);
  ASSERT_TRUE(added) << added.error().message;
  EXPECT_EQ(added->owner_uid, 1001u);
  EXPECT_EQ(added->pid, 11);
  EXPECT_EQ(added->peer, 1u);
  EXPECT_EQ(added->start_time, 1700000000u);
  EXPECT_EQ(added->state, static_cast<uint32_t>(RASCS_Connected));
  EXPECT_EQ(added->entry, "Office");
}

TEST(ConnectionTable, UsersSeeOnlyTheirOwnAndRootSeesAll) {
  ConnectionTable table;
  ASSERT_TRUE(table.add(kAlice, record(1), 0));
  ASSERT_TRUE(table.add(kBob, record(2), 0));
  ASSERT_TRUE(table.add(kAlice, record(3), 0));
  auto alice = table.list(kAlice);
  ASSERT_EQ(alice.size(), 2u);
  EXPECT_EQ(alice[0].handle, 1u);
  EXPECT_EQ(alice[1].handle, 3u);
  ASSERT_EQ(table.list(kBob).size(), 1u);
  EXPECT_EQ(table.list(kRoot).size(), 3u);
  EXPECT_TRUE(table.list(Caller{4242, 1, false, 9}).empty());
}

// visit(): the records list() gives, in the same order, in place, until the visitor says stop.
TEST(ConnectionTable, VisitSeesWhatListGivesAndStopsWhenAsked) {
  ConnectionTable table;
  ASSERT_TRUE(table.add(kAlice, record(1), 0));
  ASSERT_TRUE(table.add(kBob, record(2), 0));
  ASSERT_TRUE(table.add(kAlice, record(3), 0));
  for (const Caller& caller : {kAlice, kBob, kRoot}) {
    std::vector<uint64_t> seen;
    table.visit(caller, [&](const ConnectionRecord& r) {
      seen.push_back(r.handle);
      return true;
    });
    std::vector<uint64_t> listed;
    for (const ConnectionRecord& r : table.list(caller)) listed.push_back(r.handle);
    EXPECT_EQ(seen, listed) << caller.uid;
  }
  int calls = 0;
  table.visit(kRoot, [&](const ConnectionRecord&) { return ++calls < 2; });
  EXPECT_EQ(calls, 2);
}

// builtin_on_device(): the built-in connection on a device, its name in any ASCII case;
// none once that connection is removed, and never a custom connection.
TEST(ConnectionTable, ABuiltInConnectionIsFoundByItsDeviceInAnyCase) {
  ConnectionTable table;
  ConnectionRecord custom = record(5);
  custom.device_name = "Modem A";
  ASSERT_TRUE(table.add(kAlice, custom, 0));
  EXPECT_EQ(table.builtin_on_device("Modem A"), nullptr) << "a custom connection holds no device";
  ConnectionRecord dial = record(0);
  dial.builtin = true;
  dial.dialer.clear();
  dial.device_name = "Modem A";
  auto modem = table.add(kAlice, dial, 0);
  ASSERT_TRUE(modem) << modem.error().message;
  dial.device_name = "Test0";
  auto test = table.add(kBob, dial, 0);
  ASSERT_TRUE(test) << test.error().message;
  const ConnectionRecord* found = table.builtin_on_device("mODEM a");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->handle, modem->handle);
  ASSERT_NE(table.builtin_on_device("TEST0"), nullptr);
  EXPECT_EQ(table.builtin_on_device("TEST0")->handle, test->handle);
  EXPECT_EQ(table.builtin_on_device("Modem"), nullptr);
  ASSERT_TRUE(table.remove(kAlice, modem->handle));
  EXPECT_EQ(table.builtin_on_device("Modem A"), nullptr);
  EXPECT_NE(table.builtin_on_device("Test0"), nullptr);
  dial.device_name = "MODEM A";  // the device dialled again
  auto again = table.add(kAlice, dial, 0);
  ASSERT_TRUE(again) << again.error().message;
  ASSERT_NE(table.builtin_on_device("Modem A"), nullptr);
  EXPECT_EQ(table.builtin_on_device("Modem A")->handle, again->handle);
  (void)table.remove_all();
  EXPECT_EQ(table.builtin_on_device("Test0"), nullptr);
}

// joinable(): the owner's own built-in connection of the entry (its name in any ASCII case,
// the phone book exactly), once it is connected without an error; never another user's.
TEST(ConnectionTable, OnlyTheOwnersConnectedBuiltInEntryIsJoinable) {
  ConnectionTable table;
  ConnectionRecord dial = record(0, "Office");
  dial.builtin = true;
  dial.dialer.clear();
  auto office = table.add(kAlice, dial, 0);
  ASSERT_TRUE(office) << office.error().message;
  const std::string book = dial.phonebook;
  EXPECT_EQ(table.joinable(1001, book, "Office"), nullptr) << "still dialling (OpenPort)";
  ASSERT_TRUE(table.set_state(Caller::daemon(), office->handle, RASCS_Connected, 0));
  ConnectionRecord* found = table.joinable(1001, book, "oFFICE");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->handle, office->handle);
  EXPECT_EQ(table.joinable(1002, book, "Office"), nullptr) << "another user's";
  EXPECT_EQ(table.joinable(1001, book + "x", "Office"), nullptr) << "another phone book";
  EXPECT_EQ(table.joinable(1001, book, "Office2"), nullptr);
  ASSERT_TRUE(table.set_state(Caller::daemon(), office->handle, RASCS_Connected, 651));
  EXPECT_EQ(table.joinable(1001, book, "Office"), nullptr) << "failed";
  ASSERT_TRUE(table.remove(kAlice, office->handle));
  EXPECT_EQ(table.joinable(1001, book, "Office"), nullptr) << "gone";
}

TEST(ConnectionTable, AnotherUsersConnectionIsAccessDeniedAMissingOneInvalidHandle) {
  ConnectionTable table;
  ASSERT_TRUE(table.add(kAlice, record(7), 0));
  EXPECT_EQ(table.get(kBob, 7).error().code, Errc::kAccessDenied);
  EXPECT_NE(table.get(kBob, 7).error().message.find("another user"), std::string::npos);
  EXPECT_EQ(table.remove(kBob, 7).error().code, Errc::kAccessDenied);
  EXPECT_EQ(table.set_state(kBob, 7, RASCS_Disconnected, 0).error().code, Errc::kAccessDenied);
  EXPECT_EQ(table.get(kBob, 8).error().code, Errc::kInvalidHandle);
  EXPECT_EQ(table.size(), 1u);
  EXPECT_TRUE(table.get(kRoot, 7));
  EXPECT_TRUE(table.set_state(kRoot, 7, RASCS_Authenticate, 0));
  EXPECT_TRUE(table.remove(kRoot, 7));
  EXPECT_EQ(table.size(), 0u);
}

TEST(ConnectionTable, AHandleInUseGetsAnAliasWhoeverRegistersIt) {
  ConnectionTable table;
  auto first = table.add(kAlice, record(5), 0);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->handle, 5u) << "a free handle is its own public handle";
  EXPECT_EQ(first->dialer_handle, 5u);
  auto mine = table.add(kAlice, record(5, "Other"), 0);
  ASSERT_TRUE(mine) << mine.error().message;
  EXPECT_NE(mine->handle, 5u);
  EXPECT_EQ(mine->dialer_handle, 5u);
  auto bobs = table.add(kBob, record(5, "Bob's"), 0);
  ASSERT_TRUE(bobs) << bobs.error().message;
  EXPECT_NE(bobs->handle, 5u);
  EXPECT_NE(bobs->handle, mine->handle);
  EXPECT_EQ(table.size(), 3u);
  EXPECT_EQ(table.get(kAlice, 5)->entry, "Office") << "the first registration keeps its handle";
  EXPECT_EQ(table.get(kAlice, mine->handle)->entry, "Other");
  EXPECT_EQ(table.get(kBob, bobs->handle)->entry, "Bob's");
  EXPECT_EQ(table.get(kBob, 5).error().code, Errc::kAccessDenied);
  ASSERT_TRUE(table.remove(kAlice, 5));
  auto again = table.add(kBob, record(5), 0);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->handle, 5u) << "a handle is free again once unregistered";
}

// Nobody can block or shadow another user's connection by registering the handle first:
// Bob's dialer still gets a connection of his own, listed, controlled and hung up by him.
TEST(ConnectionTable, AnotherUsersRegistrationCannotBlockYours) {
  ConnectionTable table;
  for (uint64_t h : {uint64_t{0x5A00}, uint64_t{0x5A01}})
    ASSERT_TRUE(table.add(kAlice, record(h), 0));
  auto bobs = table.add(kBob, record(0x5A00, "Bob's"), 0);
  ASSERT_TRUE(bobs) << bobs.error().message;
  auto listed = table.list(kBob);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].handle, bobs->handle);
  EXPECT_EQ(listed[0].owner_uid, 1002u);
  EXPECT_EQ(listed[0].peer, 2u);
  EXPECT_TRUE(table.set_state(kBob, bobs->handle, RASCS_Connected, 0));
  EXPECT_EQ(table.set_state(kAlice, bobs->handle, RASCS_Disconnected, 0).error().code,
            Errc::kAccessDenied);
  EXPECT_EQ(table.get(kAlice, 0x5A00)->entry, "Office") << "Alice's stays hers";
  EXPECT_TRUE(table.remove(kBob, bobs->handle));
  EXPECT_EQ(table.list(kAlice).size(), 2u);
}

// The allocator (built-in dials and aliases) never hands out a handle a live record
// has, whether a dialer chose it or rasmand did.
TEST(ConnectionTable, TheAllocatorNeverHandsOutALiveHandle) {
  ConnectionTable table;
  ConnectionRecord builtin = record(0);
  builtin.builtin = true;
  builtin.dialer.clear();
  auto b1 = table.add(kAlice, builtin, 0);
  ASSERT_TRUE(b1) << b1.error().message;
  EXPECT_NE(b1->handle & (uint64_t{1} << 62), 0u);
  EXPECT_EQ(b1->dialer_handle, 0u);
  // Dialers that choose the allocator's next values, as a hostile one could.
  for (uint64_t i = 0; i < 4; ++i) {
    auto squat = table.add(kBob, record(b1->handle + 1 + i), 0);
    ASSERT_TRUE(squat);
    EXPECT_EQ(squat->handle, b1->handle + 1 + i);
  }
  auto b2 = table.add(kAlice, builtin, 0);
  ASSERT_TRUE(b2);
  EXPECT_EQ(b2->handle, b1->handle + 5) << "the allocator skips the values dialers hold";
  // A dialer that chooses a built-in connection's handle gets an alias.
  auto alias = table.add(kBob, record(b2->handle), 0);
  ASSERT_TRUE(alias);
  EXPECT_NE(alias->handle, b2->handle);
  EXPECT_EQ(alias->dialer_handle, b2->handle);
  std::set<uint64_t> seen;
  for (const auto& r : table.list(kRoot)) EXPECT_TRUE(seen.insert(r.handle).second) << r.handle;
  EXPECT_EQ(seen.size(), table.size());
  for (int i = 0; i < 100; ++i) EXPECT_EQ(seen.count(table.allocate_handle()), 0u);
}

// A built-in connection whose record is gone while its link ends keeps its handle
// (connection.h): the table neither allocates it nor lets a dialer take it.
TEST(ConnectionTable, AReservedHandleIsNeitherAllocatedNorKeptForADialer) {
  ConnectionTable table;
  ConnectionRecord builtin = record(0);
  builtin.builtin = true;
  builtin.dialer.clear();
  auto ending = table.add(kAlice, builtin, 0);
  ASSERT_TRUE(ending);
  ASSERT_TRUE(table.remove(Caller::daemon(), ending->handle));
  std::set<uint64_t> reserved = {ending->handle, ending->handle + 1};
  table.set_reserved([&](uint64_t handle) { return reserved.count(handle) != 0; });
  auto squat = table.add(kBob, record(ending->handle), 0);
  ASSERT_TRUE(squat);
  EXPECT_NE(squat->handle, ending->handle) << "a dialer took an ending connection's handle";
  EXPECT_EQ(squat->dialer_handle, ending->handle);
  EXPECT_EQ(reserved.count(squat->handle), 0u);
  auto next = table.add(kAlice, builtin, 0);
  ASSERT_TRUE(next);
  EXPECT_EQ(reserved.count(next->handle), 0u);
  reserved.clear();  // the object went: the dialer's choice is free again
  auto again = table.add(kBob, record(ending->handle), 0);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->handle, ending->handle);
}

TEST(ConnectionTable, InvalidRegistrationsNameTheField) {
  ConnectionTable table;
  EXPECT_EQ(table.add(kAlice, record(0), 0).error().code, Errc::kInvalidArgument);
  ConnectionRecord relative = record(1);
  relative.dialer = "example.so";
  EXPECT_NE(table.add(kAlice, relative, 0).error().message.find("absolute"), std::string::npos);
  EXPECT_EQ(table.add(kAlice, record(1, ""), 0).error().code, Errc::kInvalidArgument);
  ConnectionRecord long_number = record(1);
  long_number.phone_number.assign(kMaxNameBytes + 1, '5');
  auto refused = table.add(kAlice, long_number, 0);
  EXPECT_NE(refused.error().message.find("phone number is 1025 bytes long"), std::string::npos);
  ConnectionRecord long_path = record(1);
  long_path.phonebook.assign(kMaxPathBytes + 1, 'p');
  EXPECT_EQ(table.add(kAlice, long_path, 0).error().code, Errc::kInvalidArgument);
  EXPECT_EQ(table.size(), 0u);
}

TEST(ConnectionTable, StatesMustBeRasConnStateValues) {
  ConnectionTable table;
  ASSERT_TRUE(table.add(kAlice, record(1), 0));
  for (uint32_t s : {0u, 24u, 0x1000u, 0x1004u, 0x2000u, 0x2001u}) {
    EXPECT_TRUE(table.set_state(kAlice, 1, s, 0)) << s;
  }
  for (uint32_t s : {25u, 0x0fffu, 0x1005u, 0x2002u, 0xffffffffu}) {
    EXPECT_EQ(table.set_state(kAlice, 1, s, 0).error().code, Errc::kInvalidArgument) << s;
  }
  auto set = table.set_state(kAlice, 1, RASCS_Disconnected, 678);
  ASSERT_TRUE(set);
  EXPECT_EQ(table.get(kAlice, 1)->error, 678u);
}

// Logs name states as ras.h does; every value valid_state() accepts has its own name.
TEST(ConnectionTable, StateNamesAreRasConnStateNames) {
  EXPECT_EQ(ConnectionTable::state_name(RASCS_OpenPort), "RASCS_OpenPort");
  EXPECT_EQ(ConnectionTable::state_name(RASCS_Authenticate), "RASCS_Authenticate");
  EXPECT_EQ(ConnectionTable::state_name(RASCS_Projected), "RASCS_Projected");
  EXPECT_EQ(ConnectionTable::state_name(RASCS_ApplySettings), "RASCS_ApplySettings");
  EXPECT_EQ(ConnectionTable::state_name(RASCS_Interactive), "RASCS_Interactive");
  EXPECT_EQ(ConnectionTable::state_name(RASCS_InvokeEapUI), "RASCS_InvokeEapUI");
  EXPECT_EQ(ConnectionTable::state_name(RASCS_Connected), "RASCS_Connected");
  EXPECT_EQ(ConnectionTable::state_name(RASCS_Disconnected), "RASCS_Disconnected");
  EXPECT_EQ(ConnectionTable::state_name(25), "state 25");
  std::set<std::string> names;
  for (uint32_t s = 0; s < 0x2100; ++s) {
    if (!ConnectionTable::valid_state(s)) continue;
    std::string name = ConnectionTable::state_name(s);
    EXPECT_TRUE(name.starts_with("RASCS_")) << s;
    EXPECT_TRUE(names.insert(name).second) << name;
  }
  EXPECT_EQ(names.size(), 32u);
}

TEST(ConnectionTable, ClosingAPeerDropsExactlyItsRegistrations) {
  ConnectionTable table;
  Caller alice_second_process{1001, 12, false, 4};
  ASSERT_TRUE(table.add(kAlice, record(1), 0));
  ASSERT_TRUE(table.add(alice_second_process, record(2), 0));
  ASSERT_TRUE(table.add(kAlice, record(3), 0));
  auto removed = table.remove_peer(1);
  ASSERT_EQ(removed.size(), 2u);
  EXPECT_EQ(removed[0].handle, 1u);
  EXPECT_EQ(removed[1].handle, 3u);
  ASSERT_EQ(table.list(kRoot).size(), 1u);
  EXPECT_EQ(table.list(kRoot)[0].handle, 2u);
  EXPECT_TRUE(table.remove_peer(1).empty());
  EXPECT_EQ(table.remove_all().size(), 1u);
  EXPECT_EQ(table.size(), 0u);
}

TEST(ConnectionTable, PerUserLimitAppliesToUsersNotToRoot) {
  ConnectionTable table;
  for (uint64_t h = 1; h <= kMaxConnectionsPerUser; ++h)
    ASSERT_TRUE(table.add(kAlice, record(h), 0));
  auto over = table.add(kAlice, record(kMaxConnectionsPerUser + 1), 0);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, Errc::kOutOfMemory);
  EXPECT_TRUE(table.add(kBob, record(kMaxConnectionsPerUser + 1), 0));
  EXPECT_TRUE(table.add(kRoot, record(kMaxConnectionsPerUser + 2), 0));
  ASSERT_TRUE(table.remove(kAlice, 1));
  EXPECT_TRUE(table.add(kAlice, record(1), 0)) << "the count goes down on removal";
}

}  // namespace
}  // namespace openras::rasman
