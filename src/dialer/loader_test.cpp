// loader_test.cpp: every loader rule against the dialer zoo (tests/dialers/zoo.c).
#include "dialer/loader.h"

#include <dlfcn.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/fs.h"
#include "raserror.h"
#include "skip.h"
#include "support.h"
#include "windows.h"

namespace openras::dialer {
namespace {

namespace fs = std::filesystem;

// Dialers are installed into a trusted directory (never /tmp, which is world-writable
// and so never trusted), mode 0755.
class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    zoo_ = std::string(OPENRAS_TEST_BUILD_DIR) + "/zoo";
    OPENRAS_SKIP_UNLESS(!trusted_.path().empty(), trusted_.reason());
    dir_ = trusted_.path();
    marker_ = dir_ + "/loaded.txt";
    ::setenv("OPENRAS_ZOO_MARKER", marker_.c_str(), 1);
    owner_ok_ = [](uid_t uid) { return uid == 0 || uid == ::geteuid(); };
  }
  void TearDown() override { ::unsetenv("OPENRAS_ZOO_MARKER"); }

  // Copies zoo member `name` into the trusted directory (mode 0644) and returns its path.
  std::string install(const std::string& name, const std::string& as = "") {
    std::string target = dir_ + "/" + (as.empty() ? name : as) + ".so";
    std::string tmp = target + ".new";
    fs::copy_file(zoo_ + "/" + name + ".so", tmp, fs::copy_options::overwrite_existing);
    ::chmod(tmp.c_str(), 0644);
    fs::rename(tmp, target);  // a new inode, as install(1) would make
    return target;
  }

  Loader loader_allowing(std::set<std::string> allowed) {
    return Loader(
        [allowed](const std::string& path) -> Result<bool> { return allowed.count(path) > 0; },
        owner_ok_);
  }

  std::string loaded_names() const {
    std::ifstream in(marker_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  testing::TrustedDir trusted_;
  std::string zoo_, dir_, marker_;
  OwnerCheck owner_ok_;
};

void expect_refused(const Result<std::shared_ptr<Dialer>>& r, const std::string& reason) {
  ASSERT_FALSE(r) << "loaded, expected refusal: " << reason;
  EXPECT_EQ(r.error().code, Errc::kCannotDoCustomDial);
  EXPECT_EQ(win32_code(r.error()), 755u);
  EXPECT_NE(r.error().message.find(reason), std::string::npos) << r.error().message;
}

TEST_F(LoaderTest, LoadsAnAllowedTrustedDialerWithAllFiveEntryPoints) {
  std::string path = install("good");
  Loader loader = loader_allowing({path});
  auto dialer = loader.load(path);
  ASSERT_TRUE(dialer) << dialer.error().message;
  const EntryPoints& ep = (*dialer)->entry_points();
  EXPECT_NE(ep.dial, nullptr);
  EXPECT_NE(ep.dial_dlg, nullptr);
  EXPECT_NE(ep.hang_up, nullptr);
  EXPECT_NE(ep.entry_dlg, nullptr);
  EXPECT_NE(ep.delete_notify, nullptr);
  EXPECT_NE((*dialer)->instance(), nullptr);
  EXPECT_EQ((*dialer)->sdk_abi(), static_cast<unsigned>(OPENRAS_SDK_ABI));
  HRASCONN conn = nullptr;
  EXPECT_EQ(ep.dial((*dialer)->instance(), nullptr, nullptr, nullptr, 0, nullptr, &conn, 0), 0u);
  EXPECT_NE(conn, nullptr);
  EXPECT_NE(loaded_names().find("good loaded"), std::string::npos);
}

// Loader rule 4 (docs/abi.md): RTLD_LOCAL. A dialer's symbols never become global, so
// one dialer's RasCustomDial cannot stand in for another's, nor for anything looked up by
// name afterwards.
TEST_F(LoaderTest, LoadedDialerSymbolsStayLocal) {
  std::string path = install("good");
  Loader loader = loader_allowing({path});
  auto dialer = loader.load(path);
  ASSERT_TRUE(dialer) << dialer.error().message;
  EXPECT_NE((*dialer)->entry_points().dial, nullptr);
  EXPECT_EQ(::dlsym(RTLD_DEFAULT, "RasCustomDial"), nullptr);
  EXPECT_EQ(::dlsym(RTLD_DEFAULT, "RasCustomHangUp"), nullptr);
}

// Loader rule 4: what is loaded is the descriptor that was checked. The owner check runs
// on each path component as it is opened, the file last; at that moment this test renames
// another dialer (no_dial, which the loader would refuse) over the path. A loader that
// loaded by path after checking would load no_dial; the checked one is good.
TEST_F(LoaderTest, ASwapBetweenCheckAndLoadLoadsTheCheckedFile) {
  std::string path = install("good");
  std::string swap_in = install("no_dial", "swap_in");
  struct stat checked {};
  ASSERT_EQ(::stat(path.c_str(), &checked), 0);
  // "/" and then each component of the path.
  int components = 1;
  for (char c : path) components += c == '/' ? 1 : 0;
  int calls = 0;
  bool swapped = false;
  Loader loader([path](const std::string& p) -> Result<bool> { return p == path; },
                [&](uid_t uid) {
                  if (++calls == components) swapped = ::rename(swap_in.c_str(), path.c_str()) == 0;
                  return owner_ok_(uid);
                });
  auto dialer = loader.load(path);
  ASSERT_TRUE(swapped) << "the owner check ran " << calls << " times, not " << components
                       << "; the swap never happened";
  ASSERT_TRUE(dialer) << dialer.error().message;
  struct stat now {};
  ASSERT_EQ(::stat(path.c_str(), &now), 0);
  EXPECT_NE(now.st_ino, checked.st_ino) << "the path still names the checked file";
  EXPECT_TRUE((*dialer)->matches(checked)) << "the loaded dialer is not the checked file";
  EXPECT_FALSE((*dialer)->matches(now));
  EXPECT_NE(loaded_names().find("good loaded"), std::string::npos) << loaded_names();
  EXPECT_EQ(loaded_names().find("no_dial loaded"), std::string::npos) << loaded_names();
  // The next load sees the file the path now names, and refuses it.
  expect_refused(loader.load(path), "does not export RasCustomDial ");
}

TEST_F(LoaderTest, CachesUntilTheFileIsReplaced) {
  std::string path = install("good");
  Loader loader = loader_allowing({path});
  auto first = loader.load(path);
  auto again = loader.load(std::wstring(path.begin(), path.end()));
  ASSERT_TRUE(first && again);
  EXPECT_EQ(first->get(), again->get());
  install("good");  // replaced: new inode
  auto reloaded = loader.load(path);
  ASSERT_TRUE(reloaded) << reloaded.error().message;
  EXPECT_NE(first->get(), reloaded->get());
}

TEST_F(LoaderTest, NotListedIsRefusedAndNeverLoaded) {
  std::string path = install("good");
  Loader loader = loader_allowing({});
  expect_refused(loader.load(path), "not listed in HKLM\\System\\CurrentControlSet");
  EXPECT_EQ(loaded_names(), "") << "a refused dialer's constructor ran";
}

TEST_F(LoaderTest, RelativeAndEmptyPathsAreRefused) {
  Loader loader = loader_allowing({"good.so"});
  expect_refused(loader.load(std::string("good.so")), "relative");
  expect_refused(loader.load(std::string()), "names no library");
}

TEST_F(LoaderTest, SymlinkIsRefusedEvenWhenListed) {
  std::string real = install("good");
  std::string link = dir_ + "/link.so";
  ASSERT_EQ(::symlink(real.c_str(), link.c_str()), 0);
  Loader loader = loader_allowing({link, real});
  expect_refused(loader.load(link), "symbolic link");
  EXPECT_EQ(loaded_names(), "");
}

TEST_F(LoaderTest, GroupWritableFileIsRefusedAndNeverLoaded) {
  std::string path = install("good");
  ::chmod(path.c_str(), 0664);
  Loader loader = loader_allowing({path});
  expect_refused(loader.load(path), "writable by group or others");
  EXPECT_EQ(loaded_names(), "");
}

TEST_F(LoaderTest, WritableDirectoryIsRefused) {
  std::string path = install("good");
  ::chmod(dir_.c_str(), 0777);
  Loader loader = loader_allowing({path});
  auto r = loader.load(path);
  ::chmod(dir_.c_str(), 0755);
  expect_refused(r, dir_ + " has mode 0777");
  EXPECT_EQ(loaded_names(), "");
}

TEST_F(LoaderTest, FileOwnedByAnotherUserIsRefused) {
  OPENRAS_SKIP_UNLESS(::geteuid() == 0, "needs root to chown a dialer to another user");
  std::string path = install("good");
  ASSERT_EQ(::chown(path.c_str(), 65534, 65534), 0);
  Loader loader = loader_allowing({path});
  expect_refused(loader.load(path), "owned by uid 65534");
  EXPECT_EQ(loaded_names(), "");
}

TEST_F(LoaderTest, EachMissingEntryPointIsNamed) {
  const std::pair<const char*, const char*> cases[] = {
      {"no_dial", "RasCustomDial "},
      {"no_dialdlg", "RasCustomDialDlg"},
      {"no_hangup", "RasCustomHangUp"},
      {"no_entrydlg", "RasCustomEntryDlg"},
      {"no_deletenotify", "RasCustomDeleteEntryNotify"},
  };
  for (const auto& [name, missing] : cases) {
    std::string path = install(name);
    Loader loader = loader_allowing({path});
    auto r = loader.load(path);
    expect_refused(r, std::string("does not export ") + missing);
  }
}

// Loader rule 5: the entry points must be the dialer's own. dep_exports exports none; the
// library it needs (zoo_provider) exports all five, which dlsym on the dialer's handle
// would find.
TEST_F(LoaderTest, EntryPointsOfADependencyDoNotCount) {
  std::string path = install("dep_exports");
  Loader loader = loader_allowing({path});
  expect_refused(loader.load(path), "does not export RasCustomDial");
  // It was loaded (rule 5 is checked after dlopen), so the refusal is rule 5's, not a
  // failure to find the dependency.
  EXPECT_NE(loaded_names().find("provider loaded"), std::string::npos) << loaded_names();
}

TEST_F(LoaderTest, AnsiNamesDoNotCount) {
  std::string path = install("ansi_names");
  Loader loader = loader_allowing({path});
  expect_refused(loader.load(path), "does not export RasCustomDial ");
}

TEST_F(LoaderTest, WrongAbiIsRefusedClearly) {
  std::string path = install("wrong_abi");
  Loader loader = loader_allowing({path});
  expect_refused(loader.load(path), "built against OpenRAS SDK ABI 99");
  std::string unmarked = install("no_mark");
  Loader loader2 = loader_allowing({unmarked});
  expect_refused(loader2.load(unmarked), "no OpenRasSdkAbi mark");
}

// The seed's rule: the entry points are Unicode. A dialer compiled without UNICODE would
// read the W structures RAS passes as A ones.
TEST_F(LoaderTest, DialerCompiledWithoutUnicodeIsRefusedNamingTheFix) {
  std::string path = install("ansi");
  Loader loader = loader_allowing({path});
  expect_refused(loader.load(path), "compiled without UNICODE");
  expect_refused(loader.load(path), "-DUNICODE");
}

// The marker lines of one kind ("attach", "detach", "dial") a zoo dialer wrote.
std::vector<std::string> marker_lines(const std::string& text, const std::string& prefix) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) == 0) lines.push_back(line);
  }
  return lines;
}

std::string pointer_text(const void* p) {
  char text[32];
  std::snprintf(text, sizeof text, "%p", p);
  return text;
}

TEST_F(LoaderTest, DllMainSeesAttachAfterLoadingAndDetachBeforeUnloadingOnceEach) {
  std::string path = install("dllmain");
  std::string hinst;
  {
    Loader loader = loader_allowing({path});
    auto dialer = loader.load(path);
    ASSERT_TRUE(dialer) << dialer.error().message;
    hinst = pointer_text((*dialer)->instance());
    EXPECT_EQ(marker_lines(loaded_names(), "dllmain attach"),
              std::vector<std::string>{"dllmain attach " + hinst + " 0"});
    EXPECT_TRUE(marker_lines(loaded_names(), "dllmain detach").empty());
    // The HINSTANCE of its RasCustom* calls is the same module, which GetModuleFileName
    // names by its real path (not the /proc/self/fd name it was loaded through).
    HRASCONN conn = nullptr;
    EXPECT_EQ(
        (*dialer)->dial(DialContext::kSingleUser, nullptr, nullptr, nullptr, 0, nullptr, &conn),
        static_cast<DWORD>(ERROR_CANNOT_DO_CUSTOMDIAL));
    EXPECT_EQ(marker_lines(loaded_names(), "dllmain dial"),
              std::vector<std::string>{"dllmain dial " + hinst});
    wchar_t name[MAX_PATH];
    DWORD n = GetModuleFileNameW((*dialer)->instance(), name, MAX_PATH);
    EXPECT_EQ(std::wstring(name, n), std::wstring(path.begin(), path.end()));
    // A second load of the same file is the cached module: no second attach.
    auto again = loader.load(path);
    ASSERT_TRUE(again);
    EXPECT_EQ(marker_lines(loaded_names(), "dllmain attach").size(), 1u);
  }
  EXPECT_EQ(marker_lines(loaded_names(), "dllmain detach"),
            std::vector<std::string>{"dllmain detach " + hinst + " 0"});
  EXPECT_TRUE(marker_lines(loaded_names(), "dllmain thread").empty());
}

TEST_F(LoaderTest, DllMainReturningFalseRefusesTheLoadNamingIt) {
  std::string path = install("dllmain_refuse");
  Loader loader = loader_allowing({path});
  expect_refused(loader.load(path), "DllMain returned FALSE for DLL_PROCESS_ATTACH");
  expect_refused(loader.load(path), path);
  // As LoadLibrary does: the refusing module gets DLL_PROCESS_DETACH, then is unloaded.
  auto attach = marker_lines(loaded_names(), "dllmain_refuse attach");
  auto detach = marker_lines(loaded_names(), "dllmain_refuse detach");
  EXPECT_EQ(attach.size(), 2u);
  EXPECT_EQ(detach.size(), 2u);
}

TEST_F(LoaderTest, CxxEntryPointsAreRefusedNamingTheMangledNamesAndTheFix) {
  std::string path = install("mangled");
  Loader loader = loader_allowing({path});
  auto r = loader.load(path);
  expect_refused(r, "declare the entry points extern \"C\"");
  expect_refused(r, "RasCustomDial is the C++ function RasCustomDial(HINSTANCE__*");
  expect_refused(r, "(symbol _Z13RasCustomDial");
  expect_refused(r, "RasCustomDeleteEntryNotify is the C++ function");
}

}  // namespace
}  // namespace openras::dialer
