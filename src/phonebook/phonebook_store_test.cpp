// phonebook_store_test.cpp: the store on real files: default phone books, permissions,
// corruption that stays local, Windows files that survive edits, and the parse cache.
#include "phonebook/phonebook.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "phonebook/field_codec.h"
#include "test_support.h"

namespace openras::phonebook {
namespace {

class PhonebookStore : public testing::PrivateRootTest {
 protected:
  static EntryPatch set_phone(std::wstring number) {
    return [number](EntryFields& fields) {
      return set_string_member(fields.entry, field_for_member("szLocalPhoneNumber"), number);
    };
  }
  std::string read(const std::string& path) {
    auto text = read_file(path);
    EXPECT_TRUE(text) << path;
    return text.value_or("");
  }
};

TEST_F(PhonebookStore, NewEntryWithoutPhonebookGoesToTheUsersOwn) {
  ASSERT_TRUE(update_entry(*caller_, std::nullopt, L"Home", set_phone(L"555"), IfMissing::kCreate));
  EXPECT_NE(read(user_book()).find("[Home]\nEncoding=1\n"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(::stat(user_book().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u) << "a user's phone book is theirs";
  ASSERT_EQ(::stat(user_book().substr(0, user_book().rfind('/')).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  auto record = find_entry(*caller_, std::nullopt, L"home");
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_EQ(record->name, L"Home") << "names match case-insensitively and keep their spelling";
  EXPECT_EQ(record->phonebook.scope, Scope::kUser);
  EXPECT_STREQ(record->fields->entry.szLocalPhoneNumber, L"555");
}

TEST_F(PhonebookStore, PerUserEntryShadowsAllUsersEntryOfTheSameName) {
  ASSERT_TRUE(update_entry(*caller_, all_users(), L"Corp", set_phone(L"1"), IfMissing::kCreate));
  ASSERT_TRUE(update_entry(*caller_, user_book(), L"Corp", set_phone(L"2"), IfMissing::kCreate));
  auto record = find_entry(*caller_, std::nullopt, L"Corp");
  ASSERT_TRUE(record);
  EXPECT_STREQ(record->fields->entry.szLocalPhoneNumber, L"2");
  // Modifying through NULL changes the entry where it is found.
  ASSERT_TRUE(update_entry(*caller_, std::nullopt, L"Corp", set_phone(L"3"), IfMissing::kCreate));
  EXPECT_NE(read(user_book()).find("PhoneNumber=3"), std::string::npos);
  EXPECT_NE(read(all_users()).find("PhoneNumber=1"), std::string::npos);
  auto lists = list_entries(*caller_, std::nullopt);
  ASSERT_TRUE(lists);
  ASSERT_EQ(lists->size(), 2u);
  EXPECT_EQ((*lists)[0].phonebook.scope, Scope::kUser);
  EXPECT_EQ((*lists)[1].phonebook.scope, Scope::kAllUsers);
  struct stat st {};
  ASSERT_EQ(::stat(all_users().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST_F(PhonebookStore, OnlyAnAdministratorChangesTheAllUsersPhonebook) {
  ASSERT_TRUE(update_entry(*caller_, all_users(), L"Shared", set_phone(L"1"), IfMissing::kCreate));
  std::string before = read(all_users());
  Caller user = user_caller();
  auto denied = update_entry(user, all_users(), L"Shared", set_phone(L"2"), IfMissing::kCreate);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, Errc::kAccessDenied);
  EXPECT_NE(denied.error().message.find("only an administrator"), std::string::npos);
  auto via_null = update_entry(user, std::nullopt, L"Shared", set_phone(L"2"), IfMissing::kCreate);
  ASSERT_FALSE(via_null);
  EXPECT_EQ(via_null.error().code, Errc::kAccessDenied);
  auto ref = locate_entry(user, std::nullopt, L"Shared");
  ASSERT_TRUE(ref);
  EXPECT_EQ(delete_entry(user, *ref, L"Shared").error().code, Errc::kAccessDenied);
  EXPECT_EQ(rename_entry(user, std::nullopt, L"Shared", L"Mine").error().code, Errc::kAccessDenied);
  EXPECT_EQ(read(all_users()), before);
  EXPECT_TRUE(find_entry(user, std::nullopt, L"Shared")) << "reading is for everyone";
  // The user's new entries go to their own phone book.
  EXPECT_TRUE(update_entry(user, std::nullopt, L"Mine", set_phone(L"9"), IfMissing::kCreate));
}

TEST_F(PhonebookStore, AdministratorDoesNotTrustAWritableAllUsersPhonebook) {
  ASSERT_TRUE(update_entry(*caller_, all_users(), L"Shared", set_phone(L"1"), IfMissing::kCreate));
  ASSERT_EQ(::chmod(all_users().c_str(), 0666), 0);
  clear_snapshot_cache();
  auto found = find_entry(*caller_, all_users(), L"Shared");
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code, Errc::kAccessDenied);
  EXPECT_NE(found.error().message.find("not trusted"), std::string::npos) << found.error().message;
  EXPECT_FALSE(update_entry(*caller_, all_users(), L"Shared", set_phone(L"2"), IfMissing::kCreate));
  EXPECT_TRUE(find_entry(user_caller(), all_users(), L"Shared"))
      << "an unprivileged reader risks nothing";
}

TEST_F(PhonebookStore, NamedPhonebookMustExistToBeRead) {
  std::string other = dir_.file("elsewhere.pbk");
  auto missing = find_entry(*caller_, other, L"X");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::kPhonebookCannotOpen);
  ASSERT_TRUE(update_entry(*caller_, other, L"X", set_phone(L"1"), IfMissing::kCreate))
      << "Set creates it";
  EXPECT_TRUE(find_entry(*caller_, other, L"X"));
  std::string pbk_dir = all_users().substr(0, all_users().rfind('/'));
  ASSERT_TRUE(make_directories(pbk_dir, 0755));
  EXPECT_EQ(phonebooks_for(*caller_, pbk_dir + "/../pbk/./rasphone.pbk")->front().scope,
            Scope::kAllUsers)
      << "another spelling of the all-users path is the all-users phone book";
}

TEST_F(PhonebookStore, WindowsPhonebookSurvivesEditsOfItsEntries) {
  std::string windows = testing::corpus_file("windows10_rasphone.pbk");
  std::string path = dir_.file("windows.pbk");
  ASSERT_TRUE(FileTransaction::begin(path, 0644)->commit(windows));
  auto set_dialer = [](EntryFields& fields) {
    return set_string_member(fields.entry, field_for_member("szCustomDialDll"),
                             L"/usr/lib/openras/d.so");
  };
  ASSERT_TRUE(update_entry(*caller_, path, L"Contoso Always On VPN", set_dialer, IfMissing::kFail));
  std::string after = read(path);
  std::string expected = windows;
  size_t at = expected.find("CustomRasDialDll=\r\n");
  expected.replace(at, 19, "CustomRasDialDll=/usr/lib/openras/d.so\r\n");
  EXPECT_EQ(after, expected) << "exactly one line changes";
  // Adding an entry appends it without touching a byte of the others.
  ASSERT_TRUE(
      update_entry(*caller_, path, L"Linux VPN", set_phone(L"vpn.example"), IfMissing::kCreate));
  std::string appended = read(path);
  EXPECT_EQ(appended.substr(0, expected.size()), expected);
  EXPECT_EQ(appended.substr(expected.size(), 25), "[Linux VPN]\r\nEncoding=1\r\n")
      << "CRLF, after the file's own blank separator line";
  // Deleting it again restores the Windows file exactly.
  auto ref = locate_entry(*caller_, path, L"Linux VPN");
  ASSERT_TRUE(delete_entry(*caller_, *ref, L"Linux VPN"));
  EXPECT_EQ(read(path), expected);
}

TEST_F(PhonebookStore, ByteOrderMarkAndLfLineEndsSurviveEdits) {
  std::string original = testing::corpus_file("utf8_bom_lf.pbk");
  std::string path = dir_.file("bom.pbk");
  ASSERT_TRUE(FileTransaction::begin(path, 0644)->commit(original));
  const wchar_t* name = L"Dial-up to ISP (M\u00FCller GmbH)";
  auto record = find_entry(*caller_, path, name);
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_EQ(record->fields->alternates.size(), 1u);
  ASSERT_TRUE(update_entry(*caller_, path, name, set_phone(L"0800 555 0100"), IfMissing::kFail));
  ASSERT_TRUE(update_entry(*caller_, path, L"Second", set_phone(L"1"), IfMissing::kCreate));
  std::string after = read(path);
  EXPECT_EQ(after.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(after.find('\r'), std::string::npos) << "LF stays LF";
  EXPECT_NE(after.find("\nPhoneNumber=0800 555 0100\nAreaCode=30\n"), std::string::npos);
  EXPECT_NE(after.find("\n\n[Second]\nEncoding=1\n"), std::string::npos);
}

TEST_F(PhonebookStore, CorruptEntryStaysLocal) {
  std::string path = dir_.file("broken.pbk");
  std::string text = "[Good]\nType=2\n\n[Bad]\nType=two\nUnknown=kept\n\n[Also good]\nType=1\n";
  ASSERT_TRUE(FileTransaction::begin(path, 0644)->commit(text));
  auto bad = find_entry(*caller_, path, L"Bad");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Errc::kPhonebookCorrupt);
  EXPECT_EQ(bad.error().message,
            path + " line 5: key \"Type\" value \"two\" is not a 32-bit decimal number");
  EXPECT_TRUE(find_entry(*caller_, path, L"Good"));
  EXPECT_TRUE(find_entry(*caller_, path, L"Also good"));
  auto listed = list_entries(*caller_, path);
  ASSERT_TRUE(listed);
  EXPECT_EQ((*listed)[0].sections.size(), 3u) << "every entry is still listed";
  EXPECT_EQ(update_entry(*caller_, path, L"Bad", set_phone(L"1"), IfMissing::kCreate).error().code,
            Errc::kPhonebookCorrupt)
      << "an entry that cannot be read is not rewritten";
  ASSERT_TRUE(update_entry(*caller_, path, L"Good", set_phone(L"7"), IfMissing::kCreate));
  EXPECT_NE(read(path).find("[Bad]\nType=two\nUnknown=kept\n"), std::string::npos);
  auto ref = locate_entry(*caller_, path, L"Bad");
  ASSERT_TRUE(ref);
  EXPECT_TRUE(delete_entry(*caller_, *ref, L"Bad")) << "deleting is how a user gets rid of it";
}

TEST_F(PhonebookStore, DuplicateSectionsAreReportedNotGuessed) {
  std::string path = dir_.file("dup.pbk");
  ASSERT_TRUE(
      FileTransaction::begin(path, 0644)->commit("[A]\nType=1\n[B]\nType=1\n[a]\nType=2\n"));
  auto found = find_entry(*caller_, path, L"A");
  ASSERT_FALSE(found);
  EXPECT_NE(found.error().message.find("line 5: entry [a] is defined twice (also on line 1)"),
            std::string::npos)
      << found.error().message;
  auto ref = locate_entry(*caller_, path, L"A");
  ASSERT_TRUE(ref);
  EXPECT_EQ(delete_entry(*caller_, *ref, L"A").error().code, Errc::kPhonebookCorrupt);
  EXPECT_TRUE(find_entry(*caller_, path, L"B"));
  EXPECT_EQ((*list_entries(*caller_, path))[0].sections.size(), 2u);
}

TEST_F(PhonebookStore, FileLevelProblemStopsReadsAndWrites) {
  std::string path = dir_.file("utf16.pbk");
  ASSERT_TRUE(FileTransaction::begin(path, 0644)->commit(std::string("\xFF\xFE[\0A\0]\0", 8)));
  auto found = find_entry(*caller_, path, L"A");
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code, Errc::kPhonebookCorrupt);
  EXPECT_EQ(found.error().message.rfind(path + " line 1: the file is UTF-16", 0), 0u)
      << found.error().message;
  EXPECT_FALSE(update_entry(*caller_, path, L"B", set_phone(L"1"), IfMissing::kCreate));
  EXPECT_EQ(read(path), std::string("\xFF\xFE[\0A\0]\0", 8));
}

TEST_F(PhonebookStore, RenameChangesOnlyTheHeaderLine) {
  std::string path = dir_.file("r.pbk");
  ASSERT_TRUE(
      FileTransaction::begin(path, 0644)->commit("[Old]\r\nType=1\r\n\r\n[Other]\r\nType=2\r\n"));
  ASSERT_TRUE(rename_entry(*caller_, path, L"old", L"New name"));
  EXPECT_EQ(read(path), "[New name]\r\nType=1\r\n\r\n[Other]\r\nType=2\r\n");
  EXPECT_EQ(rename_entry(*caller_, path, L"New name", L"OTHER").error().code, Errc::kAlreadyExists);
  EXPECT_EQ(rename_entry(*caller_, path, L"Gone", L"X").error().code, Errc::kEntryNotFound);
  EXPECT_EQ(rename_entry(*caller_, path, L"Other", L".hidden").error().code, Errc::kInvalidName);
  EXPECT_TRUE(rename_entry(*caller_, path, L"Other", L"other"))
      << "a change of case is the same entry";
  EXPECT_TRUE(find_entry(*caller_, path, L"New name"));
}

TEST_F(PhonebookStore, CacheIsReusedUntilTheFileChanges) {
  ASSERT_TRUE(update_entry(*caller_, std::nullopt, L"A", set_phone(L"1"), IfMissing::kCreate));
  PhonebookRef ref{user_book(), Scope::kUser};
  auto first = read_phonebook(*caller_, ref);
  auto second = read_phonebook(*caller_, ref);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->get(), second->get()) << "unchanged file: same snapshot";
  // Another program rewrites the file (same size, new inode).
  std::string text = read(user_book());
  size_t at = text.find("PhoneNumber=1");
  text[at + 12] = '2';
  std::string tmp = user_book() + ".new";
  ASSERT_TRUE(FileTransaction::begin(tmp, 0600)->commit(text));
  ASSERT_EQ(::rename(tmp.c_str(), user_book().c_str()), 0);
  auto third = read_phonebook(*caller_, ref);
  ASSERT_TRUE(third);
  EXPECT_NE(first->get(), third->get());
  EXPECT_STREQ(find_entry(*caller_, std::nullopt, L"A")->fields->entry.szLocalPhoneNumber, L"2");
}

TEST_F(PhonebookStore, IncrementalIndexAfterWritesMatchesAFullScan) {
  std::string path = dir_.file("many.pbk");
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE(update_entry(*caller_, path, L"E" + std::to_wstring(i),
                             set_phone(std::to_wstring(i)), IfMissing::kCreate));
  }
  auto ref = locate_entry(*caller_, path, L"E7");
  ASSERT_TRUE(delete_entry(*caller_, *ref, L"E7"));
  ASSERT_TRUE(rename_entry(*caller_, path, L"E3", L"Renamed three"));
  ASSERT_TRUE(update_entry(*caller_, path, L"E20", set_phone(L"a much longer number than before"),
                           IfMissing::kFail));
  auto cached = read_phonebook(*caller_, PhonebookRef{path, Scope::kOther});
  ASSERT_TRUE(cached);
  auto fresh = Snapshot::build(path, read(path), std::nullopt);
  ASSERT_EQ((*cached)->sections().size(), fresh->sections().size());
  for (size_t i = 0; i < fresh->sections().size(); ++i) {
    EXPECT_EQ((*cached)->sections()[i].begin, fresh->sections()[i].begin) << i;
    EXPECT_EQ((*cached)->sections()[i].end, fresh->sections()[i].end) << i;
    EXPECT_EQ((*cached)->name(i), fresh->name(i)) << i;
  }
  EXPECT_TRUE((*cached)->find("Renamed three"));
  EXPECT_FALSE((*cached)->find("E7"));
}

}  // namespace
}  // namespace openras::phonebook
