// subscriptions_test.cpp: SubscriberIndex names exactly the clients whose subscriptions may
// cover a signal, and stays in step with them as they subscribe, unsubscribe and leave.
#include "rasman/subscriptions.h"

#include <gtest/gtest.h>

#include <vector>

namespace openras::rasman {
namespace {

constexpr uid_t kAlice = 1001;
constexpr uid_t kBob = 1002;

std::vector<uint64_t> candidates(const SubscriberIndex& index, uint64_t handle, uid_t owner,
                                 bool added = false) {
  std::vector<uint64_t> out{99};  // replaced, not appended to
  index.candidates(handle, owner, added, out);
  return out;
}

TEST(SubscriberIndex, NamesOnlyTheClientsThatFollowTheConnectionItsOwnerOrEverything) {
  SubscriberIndex index;
  ASSERT_TRUE(index.add(1, Subscription::kConnection, 0x10));
  ASSERT_TRUE(index.add(2, Subscription::kOwner, kAlice));
  ASSERT_TRUE(index.add(3, Subscription::kEverything, 0));
  ASSERT_TRUE(index.add(4, Subscription::kObjects, 0));
  ASSERT_TRUE(index.add(5, Subscription::kOwner, kBob));
  // 6 subscribed to nothing; 7 follows another connection.
  ASSERT_TRUE(index.add(7, Subscription::kConnection, 0x20));
  EXPECT_EQ(candidates(index, 0x10, kAlice), (std::vector<uint64_t>{1, 2, 3, 4}));
  EXPECT_EQ(candidates(index, 0x20, kBob), (std::vector<uint64_t>{3, 4, 5, 7}));
  EXPECT_EQ(candidates(index, 0x30, 0), (std::vector<uint64_t>{3, 4}));
  // A new connection is news to those who did not name it.
  EXPECT_EQ(candidates(index, 0x10, kAlice, true), (std::vector<uint64_t>{2, 3, 4}));
  EXPECT_TRUE(index.of(6).empty());
  EXPECT_TRUE(index.of(1).covers(0x10, kBob));
  EXPECT_FALSE(index.of(1).covers(0x20, kAlice));
}

TEST(SubscriberIndex, AClientFollowingSeveralWaysIsNamedOnce) {
  SubscriberIndex index;
  ASSERT_TRUE(index.add(1, Subscription::kConnection, 0x10));
  ASSERT_TRUE(index.add(1, Subscription::kConnection, 0x10));  // again: no second entry
  ASSERT_TRUE(index.add(1, Subscription::kOwner, kAlice));
  ASSERT_TRUE(index.add(1, Subscription::kEverything, 0));
  ASSERT_TRUE(index.add(1, Subscription::kObjects, 0));
  EXPECT_EQ(candidates(index, 0x10, kAlice), (std::vector<uint64_t>{1}));
  index.remove(1, Subscription::kConnection, 0x10);
  index.remove(1, Subscription::kOwner, kAlice);
  index.remove(1, Subscription::kEverything, 0);
  // Still the objects' signals.
  EXPECT_EQ(candidates(index, 0x10, kAlice), (std::vector<uint64_t>{1}));
  index.remove(1, Subscription::kObjects, 0);
  EXPECT_TRUE(candidates(index, 0x10, kAlice).empty());
  EXPECT_TRUE(index.of(1).empty());
}

TEST(SubscriberIndex, UnsubscribingFromOneThingKeepsTheRest) {
  SubscriberIndex index;
  ASSERT_TRUE(index.add(1, Subscription::kConnection, 0x10));
  ASSERT_TRUE(index.add(1, Subscription::kConnection, 0x20));
  ASSERT_TRUE(index.add(2, Subscription::kConnection, 0x10));
  ASSERT_TRUE(index.add(1, Subscription::kEverything, 0));
  index.remove(1, Subscription::kEverything, 0);
  EXPECT_EQ(candidates(index, 0x30, kAlice), std::vector<uint64_t>{});
  index.remove(1, Subscription::kConnection, 0x10);
  EXPECT_EQ(candidates(index, 0x10, kAlice), (std::vector<uint64_t>{2}));
  EXPECT_EQ(candidates(index, 0x20, kAlice), (std::vector<uint64_t>{1}));
  // Removing what it never followed changes nothing.
  index.remove(2, Subscription::kConnection, 0x20);
  index.remove(3, Subscription::kOwner, kAlice);
  EXPECT_EQ(candidates(index, 0x20, kAlice), (std::vector<uint64_t>{1}));
  // kNone: everything of that client, nothing of the others.
  ASSERT_TRUE(index.add(1, Subscription::kOwner, kBob));
  index.remove(1, Subscription::kNone, 0);
  EXPECT_TRUE(index.of(1).empty());
  EXPECT_TRUE(candidates(index, 0x20, kBob).empty());
  EXPECT_EQ(candidates(index, 0x10, kBob), (std::vector<uint64_t>{2}));
}

TEST(SubscriberIndex, AnEndedConnectionIsForgottenByEveryClientThatFollowedIt) {
  SubscriberIndex index;
  ASSERT_TRUE(index.add(1, Subscription::kConnection, 0x10));
  ASSERT_TRUE(index.add(2, Subscription::kConnection, 0x10));
  ASSERT_TRUE(index.add(2, Subscription::kConnection, 0x20));
  index.forget(0x10);
  EXPECT_TRUE(candidates(index, 0x10, kAlice).empty());
  EXPECT_FALSE(index.of(1).covers(0x10, kAlice));
  EXPECT_FALSE(index.of(2).covers(0x10, kAlice));
  EXPECT_TRUE(index.of(2).covers(0x20, kAlice));
  // Its handle, reused by a new connection, is not followed on the old one's account.
  EXPECT_TRUE(candidates(index, 0x10, kBob).empty());
}

TEST(SubscriberIndex, AClientThatLeftIsNamedNoMore) {
  SubscriberIndex index;
  ASSERT_TRUE(index.add(1, Subscription::kConnection, 0x10));
  ASSERT_TRUE(index.add(1, Subscription::kOwner, kAlice));
  ASSERT_TRUE(index.add(1, Subscription::kObjects, 0));
  ASSERT_TRUE(index.add(2, Subscription::kOwner, kAlice));
  index.set_batched(1);
  EXPECT_TRUE(index.of(1).batched());
  index.drop(1);
  EXPECT_EQ(candidates(index, 0x10, kAlice), (std::vector<uint64_t>{2}));
  EXPECT_TRUE(index.of(1).empty());
  EXPECT_FALSE(index.of(1).batched());
  // A new client with the same id starts with nothing.
  ASSERT_TRUE(index.add(1, Subscription::kConnection, 0x20));
  EXPECT_EQ(candidates(index, 0x10, kAlice), (std::vector<uint64_t>{2}));
}

TEST(SubscriberIndex, TheLimitPerClientRefusesWithoutIndexing) {
  SubscriberIndex index;
  for (uint64_t handle = 1; handle <= kMaxSubscriptionsPerClient; ++handle) {
    ASSERT_TRUE(index.add(1, Subscription::kConnection, handle));
  }
  EXPECT_FALSE(index.add(1, Subscription::kConnection, kMaxSubscriptionsPerClient + 1));
  EXPECT_FALSE(index.add(1, Subscription::kOwner, kAlice));
  EXPECT_TRUE(candidates(index, kMaxSubscriptionsPerClient + 1, kAlice).empty());
  // What it follows already it may name again; everything is no entry of the list.
  EXPECT_TRUE(index.add(1, Subscription::kConnection, 1));
  EXPECT_TRUE(index.add(1, Subscription::kEverything, 0));
  EXPECT_EQ(candidates(index, kMaxSubscriptionsPerClient + 1, kAlice), (std::vector<uint64_t>{1}));
}

}  // namespace
}  // namespace openras::rasman
