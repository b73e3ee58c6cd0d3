// layout_test.cpp: the public structures' sizes and offsets, checked at compile time in
// C++ (here) and C99 (layout_test_c.c); plus the ABI facts that a static_assert cannot
// show well: WINVER-gated versions and Windows' constant values.
#include <gtest/gtest.h>

#include <cstddef>

#include "commctrl.h"
#include "ras.h"
#include "rasdlg.h"
#include "raserror.h"
#include "windows.h"
#include "windowsx.h"

#define OPENRAS_SIZE(type, size) static_assert(sizeof(type) == (size), "size of " #type);
#define OPENRAS_OFFSET(type, field, offset) \
  static_assert(offsetof(type, field) == (offset), "offset of " #type "." #field);
#include "layout_linux.inc"

extern "C" int openras_layout_c_checked(void);

TEST(AbiLayout, CAndCxxAgree) {
  EXPECT_EQ(openras_layout_c_checked(), static_cast<int>(sizeof(RASENTRYW)));
}

TEST(AbiLayout, BasicTypesHaveWindowsWidths) {
  EXPECT_EQ(sizeof(DWORD), 4u);
  EXPECT_EQ(sizeof(LONG), 4u);
  EXPECT_EQ(sizeof(BOOL), 4u);
  EXPECT_EQ(sizeof(WORD), 2u);
  EXPECT_EQ(sizeof(ULONG_PTR), sizeof(void*));
  EXPECT_EQ(sizeof(GUID), 16u);
  EXPECT_EQ(sizeof(LUID), 8u);
  EXPECT_EQ(sizeof(WCHAR), sizeof(wchar_t));
  EXPECT_EQ(sizeof(RASCONNSTATE), 4u);
}

TEST(AbiLayout, ConstantsHaveWindowsValues) {
  EXPECT_EQ(RASCS_OpenPort, 0);
  EXPECT_EQ(RASCS_Projected, 18);
  EXPECT_EQ(RASCS_StartAuthentication, 19);
  EXPECT_EQ(RASCS_SubEntryDisconnected, 23);
  EXPECT_EQ(RASCS_ApplySettings, 24);
  EXPECT_EQ(RASCS_Interactive, 0x1000);
  EXPECT_EQ(RASCS_InvokeEapUI, 0x1004);
  EXPECT_EQ(RASCS_Connected, 0x2000);
  EXPECT_EQ(RASCS_Disconnected, 0x2001);
  EXPECT_EQ(RDEOPT_NoUser, 0x200u);
  EXPECT_EQ(RDEOPT_CustomDial, 0x1000u);
  EXPECT_EQ(RDEOPT_EapInfoCryptInCapable, 0x8000u);
  EXPECT_EQ(RCD_SingleUser, 0);
  EXPECT_EQ(RCD_AllUsers, 1);
  EXPECT_EQ(RCD_Eap, 2);
  EXPECT_EQ(RCD_Logon, 4);
  EXPECT_EQ(RASEO_PreviewPhoneNumber, 0x200000u);
  EXPECT_EQ(RASEO_CustomScript, 0x80000000u);
  EXPECT_EQ(RASEO2_ReconnectIfDropped, 0x100u);
  EXPECT_EQ(RASEO2_PlumbIKEv2TSAsRoutes, 0x80000000u);
  EXPECT_EQ(RASEDFLAG_NewEntry, 0x2u);
  EXPECT_EQ(RASEDFLAG_ShellOwned, 0x40000000u);
  EXPECT_EQ(RASDDFLAG_LinkFailure, 0x80000000u);
  EXPECT_EQ(RASPBDFLAG_NoUser, 0x10u);
  EXPECT_EQ(RASET_Broadband, 5);
  EXPECT_EQ(VS_ProtocolList, 15);
  EXPECT_EQ(RASP_PppLcp, 0xC021);
  EXPECT_EQ(WM_RASDIALEVENT, 0xCCCD);
  EXPECT_EQ(WM_COMMAND, 0x0111);
  EXPECT_EQ(IDCANCEL, 2);
  EXPECT_EQ(MAX_PATH, 260);
  EXPECT_EQ(UNLEN, 256);
  EXPECT_EQ(DNLEN, 15);
  EXPECT_EQ(RAS_MaxEntryName, 256);
  EXPECT_EQ(RAS_MaxPhoneNumber, 128);
  EXPECT_EQ(RAS_MaxDeviceType, 16);
  EXPECT_EQ(RAS_MaxDnsSuffix, 256);
  EXPECT_STREQ(RASDT_Modem, L"modem");  // OpenRAS code is built with UNICODE
  EXPECT_EQ(LOWORD(MAKEWPARAM(IDCANCEL, 7)), IDCANCEL);
  EXPECT_EQ(HIWORD(MAKEWPARAM(IDCANCEL, 7)), 7);
}

TEST(AbiLayout, DialogConstantsHaveWindowsValues) {
  EXPECT_EQ(WM_INITDIALOG, 0x0110);
  EXPECT_EQ(WM_TIMER, 0x0113);
  EXPECT_EQ(WM_GETDLGCODE, 0x0087);
  EXPECT_EQ(DM_GETDEFID, 0x0400);
  EXPECT_EQ(DC_HASDEFID, 0x534B);
  EXPECT_EQ(DWLP_MSGRESULT, 0);
  EXPECT_EQ(DWLP_DLGPROC, 8u);
  EXPECT_EQ(DWLP_USER, 16u);
  EXPECT_EQ(DLGC_DEFPUSHBUTTON, 0x10);
  EXPECT_EQ(EN_CHANGE, 0x0300);
  EXPECT_EQ(EM_LIMITTEXT, 0x00C5);
  EXPECT_EQ(BM_CLICK, 0x00F5);
  EXPECT_EQ(CB_SETCURSEL, 0x014E);
  EXPECT_EQ(CB_ERR, -1);
  EXPECT_EQ(CBN_ERRSPACE, -1);
  EXPECT_EQ(LBN_ERRSPACE, -2);
  EXPECT_EQ(CBN_SELCHANGE, 1);
  EXPECT_EQ(LB_GETTEXT, 0x0189);
  EXPECT_EQ(LB_FINDSTRINGEXACT, 0x01A2);
  EXPECT_EQ(MB_ICONWARNING, 0x30);
  EXPECT_EQ(MB_DEFBUTTON2, 0x100);
  EXPECT_EQ(IDTIMEOUT, 32000);
  EXPECT_EQ(DS_SHELLFONT, 0x48);
  EXPECT_EQ(static_cast<DWORD>(WS_OVERLAPPEDWINDOW), 0x00CF0000u);
  EXPECT_EQ(static_cast<DWORD>(WS_POPUP), 0x80000000u);
  EXPECT_EQ(reinterpret_cast<ULONG_PTR>(RT_DIALOG), 5u);
  EXPECT_EQ(reinterpret_cast<ULONG_PTR>(RT_STRING), 6u);
  EXPECT_EQ(VK_ESCAPE, 0x1B);
  EXPECT_EQ(GWLP_USERDATA, -21);
  EXPECT_EQ(ERROR_RESOURCE_NAME_NOT_FOUND, 1814);
  EXPECT_EQ(ERROR_CONTROL_ID_NOT_FOUND, 1421);
}
