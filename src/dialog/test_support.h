// test_support.h (tests only): templates built in code, and a scripted renderer with a
// manual clock installed for one test.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dialog/dialog.h"
#include "dialog/dlg_template.h"
#include "dialog/scripted.h"

namespace openras::dialog::testing {

inline ItemTemplate control(uint16_t atom, int id, std::u16string text, uint32_t style, int16_t x,
                            int16_t y, int16_t cx = 60, int16_t cy = 12) {
  ItemTemplate it;
  it.window_class = atom;
  it.id = static_cast<uint32_t>(id);
  it.title = std::move(text);
  it.style = style | WS_VISIBLE | WS_CHILD;
  it.x = x;
  it.y = y;
  it.cx = cx;
  it.cy = cy;
  return it;
}

// A logon-style dialog: user (101), password (102), "save" check box (103), a combo (104),
// a list (105), OK (default) and Cancel.
inline std::vector<uint8_t> logon_template(bool extended = true) {
  DialogTemplate t;
  t.extended = extended;
  t.style = WS_POPUP | WS_CAPTION | DS_SETFONT | DS_MODALFRAME;
  t.title = u"Connect";
  t.point_size = 8;
  t.typeface = u"MS Shell Dlg";
  t.cx = 200;
  t.cy = 120;
  t.items.push_back(control(kStaticAtom, -1, u"&User name:", SS_LEFT | WS_GROUP, 7, 7));
  t.items.push_back(
      control(kEditAtom, 101, u"", ES_LEFT | ES_AUTOHSCROLL | WS_TABSTOP | WS_BORDER, 70, 7, 100));
  t.items.push_back(
      control(kEditAtom, 102, u"", ES_PASSWORD | WS_TABSTOP | WS_BORDER, 70, 24, 100));
  t.items.push_back(
      control(kButtonAtom, 103, u"&Save password", BS_AUTOCHECKBOX | WS_TABSTOP, 7, 41, 100));
  t.items.push_back(
      control(kComboBoxAtom, 104, u"", CBS_DROPDOWNLIST | CBS_SORT | WS_TABSTOP, 7, 58, 100, 60));
  t.items.push_back(
      control(kListBoxAtom, 105, u"", LBS_NOTIFY | WS_TABSTOP | WS_BORDER, 7, 75, 100, 24));
  t.items.push_back(
      control(kButtonAtom, IDOK, u"OK", BS_DEFPUSHBUTTON | WS_TABSTOP, 90, 100, 50, 14));
  t.items.push_back(
      control(kButtonAtom, IDCANCEL, u"Cancel", BS_PUSHBUTTON | WS_TABSTOP, 145, 100, 50, 14));
  return serialize_template(t);
}

inline const DLGTEMPLATE* as_template(const std::vector<uint8_t>& bytes) {
  return reinterpret_cast<const DLGTEMPLATE*>(bytes.data());
}

// Installs a scripted renderer over `script` and a ManualClock; removes them at the end.
class ScriptedTest : public ::testing::Test {
 protected:
  void use_script(const std::string& script) {
    auto steps = parse_script(script, "test");
    ASSERT_TRUE(steps) << steps.error().message;
    renderer_ = std::make_shared<ScriptedRenderer>(std::move(*steps), "");
    set_renderer(renderer_);
  }
  void SetUp() override {
    clock_ = std::make_shared<ManualClock>();
    set_clock(clock_);
    set_grace_period(kDefaultGracePeriod);
  }
  void TearDown() override {
    set_renderer(nullptr);
    set_clock(std::make_shared<SystemClock>());
    set_teardown_observer(nullptr);
  }
  [[nodiscard]] std::string record() const { return renderer_ ? renderer_->record() : ""; }

  std::shared_ptr<ManualClock> clock_;
  std::shared_ptr<ScriptedRenderer> renderer_;
};

}  // namespace openras::dialog::testing
