// key_test.cpp: the in-memory tree: case-insensitive lookups, preserved case, order.
#include "registry/key.h"

#include <gtest/gtest.h>

namespace openras::registry {
namespace {

TEST(Key, FindsChildrenInAnyCaseAndKeepsTheirOwn) {
  Key root;
  bool created = false;
  root.ensure({L"System", L"CurrentControlSet"}, &created);
  EXPECT_TRUE(created);
  Key& again = root.ensure({L"SYSTEM", L"currentcontrolset"}, &created);
  EXPECT_FALSE(created);
  EXPECT_EQ(again.name(), L"CurrentControlSet");
  ASSERT_NE(root.find({L"system"}), nullptr);
  EXPECT_EQ(root.find({L"system"})->name(), L"System");
  EXPECT_EQ(root.find({L"System", L"Missing"}), nullptr);
  EXPECT_EQ(root.find({}), &root);
}

TEST(Key, EnumeratesSubkeysInUpperCaseOrder) {
  Key root;
  for (const wchar_t* name : {L"zeta", L"Alpha", L"_under", L"beta", L"Gamma"}) {
    root.ensure_child(name);
  }
  std::vector<std::wstring> order;
  for (size_t i = 0; i < root.child_count(); ++i) order.push_back(root.child_at(i).name());
  // Windows compares upper-cased names: '_' (0x5F) sorts after the letters.
  EXPECT_EQ(order, (std::vector<std::wstring>{L"Alpha", L"beta", L"Gamma", L"zeta", L"_under"}));
}

TEST(Key, ValuesKeepInsertionOrderAndTheirFirstName) {
  Key key;
  key.set_value(Value{L"CustomDLL", 7, "a"});
  key.set_value(Value{L"", 1, "b"});
  key.set_value(Value{L"customdll", 1, "c"});
  ASSERT_EQ(key.value_count(), 2u);
  EXPECT_EQ(key.value_at(0).name, L"CustomDLL");
  EXPECT_EQ(key.value_at(0).type, 1u);
  EXPECT_EQ(key.value_at(0).data, "c");
  EXPECT_EQ(key.find_value(L"CUSTOMDLL")->data, "c");
  EXPECT_EQ(key.find_value(L"")->data, "b");
  EXPECT_TRUE(key.remove_value(L"customDll"));
  EXPECT_FALSE(key.remove_value(L"customDll"));
  EXPECT_EQ(key.value_count(), 1u);
}

TEST(Key, RemovesWholeSubtrees) {
  Key root;
  root.ensure({L"a", L"b", L"c"}).set_value(Value{L"v", 4, "1234"});
  EXPECT_FALSE(root.remove({}));
  EXPECT_FALSE(root.remove({L"a", L"x"}));
  EXPECT_TRUE(root.remove({L"A", L"B"}));
  EXPECT_EQ(root.find({L"a", L"b"}), nullptr);
  EXPECT_NE(root.find({L"a"}), nullptr);
}

}  // namespace
}  // namespace openras::registry
