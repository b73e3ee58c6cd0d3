// condial.c : Defines the exported functions of the Contoso custom dialer DLL.
//
// RasCustomDialDlg shows IDD_CONNECT (condial.rc) and dials from it with RasDial
// (RDEOPT_CustomDial, a RASDIALFUNC2 notifier whose states are posted to the
// dialog); Cancel hangs up and ends the dialog. RasCustomEntryDlg edits the
// entry's phone number in IDD_PROPERTIES. RasCustomDial forwards to RasDial.
//
// Project settings: Unicode character set (UNICODE, _UNICODE); exports from
// condial.def.

#include <windows.h>
#include <windowsx.h>
#include <ras.h>
#include <rasdlg.h>
#include <raserror.h>
#include "resource.h"

#define WM_DIALSTATE        (WM_APP + 1)

typedef struct tagCONNECTDATA
{
    LPWSTR          lpszPhonebook;
    LPWSTR          lpszEntry;
    LPRASDIALDLG    lpInfo;
    HRASCONN        hRasConn;
    BOOL            fDialing;
} CONNECTDATA, *LPCONNECTDATA;

static void ShowStatus(HWND hDlg, UINT uID)
{
    TCHAR szText[128];

    if (LoadString(GetWindowInstance(hDlg), uID, szText, ARRAYSIZE(szText)) > 0)
        SetDlgItemText(hDlg, IDC_STATUS, szText);
}

// Runs on RAS's thread: only post to the dialog.
static DWORD WINAPI ConnectDialFunc(ULONG_PTR dwCallbackId, DWORD dwSubEntry, HRASCONN hrasconn,
                                    UINT unMsg, RASCONNSTATE rascs, DWORD dwError,
                                    DWORD dwExtendedError)
{
    UNREFERENCED_PARAMETER(dwSubEntry);
    UNREFERENCED_PARAMETER(hrasconn);
    UNREFERENCED_PARAMETER(unMsg);
    UNREFERENCED_PARAMETER(dwExtendedError);

    PostMessage((HWND)dwCallbackId, WM_DIALSTATE, (WPARAM)rascs, (LPARAM)dwError);
    return 1;
}

static BOOL Connect_OnInitDialog(HWND hDlg, HWND hwndFocus, LPARAM lParam)
{
    LPCONNECTDATA pData = (LPCONNECTDATA)lParam;
    RASDIALPARAMS rdp;
    BOOL fPassword = FALSE;
    HWND hwndServer = GetDlgItem(hDlg, IDC_SERVER);

    UNREFERENCED_PARAMETER(hwndFocus);
    SetWindowLongPtr(hDlg, DWLP_USER, (LONG_PTR)pData);

    ZeroMemory(&rdp, sizeof(rdp));
    rdp.dwSize = sizeof(rdp);
    lstrcpyn(rdp.szEntryName, pData->lpszEntry, ARRAYSIZE(rdp.szEntryName));
    if (RasGetEntryDialParams(pData->lpszPhonebook, &rdp, &fPassword) == ERROR_SUCCESS)
    {
        Edit_SetText(GetDlgItem(hDlg, IDC_USERNAME), rdp.szUserName);
        if (fPassword)
        {
            Edit_SetText(GetDlgItem(hDlg, IDC_PASSWORD), rdp.szPassword);
            Button_SetCheck(GetDlgItem(hDlg, IDC_SAVEPASSWORD), BST_CHECKED);
        }
        SecureZeroMemory(rdp.szPassword, sizeof(rdp.szPassword));
    }
    Edit_LimitText(GetDlgItem(hDlg, IDC_USERNAME), UNLEN);
    Edit_LimitText(GetDlgItem(hDlg, IDC_PASSWORD), PWLEN);

    // CBS_SORT: "Backup" lands before "Primary".
    ComboBox_AddString(hwndServer, TEXT("Primary"));
    ComboBox_AddString(hwndServer, TEXT("Backup"));
    ComboBox_SelectString(hwndServer, -1, TEXT("Primary"));

    ShowStatus(hDlg, IDS_READY);
    return TRUE;
}

static void Connect_OnDial(HWND hDlg, LPCONNECTDATA pData)
{
    RASDIALPARAMS rdp;
    RASDIALEXTENSIONS rde;
    DWORD dwRet;

    ZeroMemory(&rdp, sizeof(rdp));
    rdp.dwSize = sizeof(rdp);
    lstrcpyn(rdp.szEntryName, pData->lpszEntry, ARRAYSIZE(rdp.szEntryName));
    Edit_GetText(GetDlgItem(hDlg, IDC_USERNAME), rdp.szUserName, ARRAYSIZE(rdp.szUserName));
    Edit_GetText(GetDlgItem(hDlg, IDC_PASSWORD), rdp.szPassword, ARRAYSIZE(rdp.szPassword));
    if (rdp.szUserName[0] == TEXT('\0'))
    {
        ShowStatus(hDlg, IDS_NOTPROVIDED);
        SetFocus(GetDlgItem(hDlg, IDC_USERNAME));
        return;
    }
    RasSetEntryDialParams(pData->lpszPhonebook, &rdp,
                          Button_GetCheck(GetDlgItem(hDlg, IDC_SAVEPASSWORD)) != BST_CHECKED);
    rdp.dwCallbackId = (ULONG_PTR)hDlg;

    ZeroMemory(&rde, sizeof(rde));
    rde.dwSize = sizeof(rde);
    rde.dwfOptions = RDEOPT_CustomDial;

    ShowStatus(hDlg, IDS_DIALING);
    Button_Enable(GetDlgItem(hDlg, IDOK), FALSE);
    pData->fDialing = TRUE;
    dwRet = RasDial(&rde, pData->lpszPhonebook, &rdp, 2, (LPVOID)ConnectDialFunc,
                    &pData->hRasConn);
    SecureZeroMemory(rdp.szPassword, sizeof(rdp.szPassword));
    if (dwRet != ERROR_SUCCESS)
        PostMessage(hDlg, WM_DIALSTATE, (WPARAM)RASCS_OpenPort, (LPARAM)dwRet);
}

static void Connect_OnDialState(HWND hDlg, RASCONNSTATE rascs, DWORD dwError)
{
    LPCONNECTDATA pData = (LPCONNECTDATA)GetWindowLongPtr(hDlg, DWLP_USER);
    TCHAR szError[256];

    if (!pData->fDialing)
        return;
    if (dwError != ERROR_SUCCESS)
    {
        pData->fDialing = FALSE;
        if (pData->hRasConn)
        {
            RasHangUp(pData->hRasConn);
            pData->hRasConn = NULL;
        }
        if (RasGetErrorString(dwError, szError, ARRAYSIZE(szError)) != ERROR_SUCCESS)
            szError[0] = TEXT('\0');
        SetDlgItemText(hDlg, IDC_STATUS, szError);
        Button_Enable(GetDlgItem(hDlg, IDOK), TRUE);
        pData->lpInfo->dwError = dwError;
    }
    else if (rascs == RASCS_Connected)
    {
        pData->fDialing = FALSE;
        ShowStatus(hDlg, IDS_CONNECTED);
        pData->lpInfo->dwError = ERROR_SUCCESS;
        EndDialog(hDlg, TRUE);
    }
}

static void Connect_OnCommand(HWND hDlg, int id, HWND hwndCtl, UINT codeNotify)
{
    LPCONNECTDATA pData = (LPCONNECTDATA)GetWindowLongPtr(hDlg, DWLP_USER);

    UNREFERENCED_PARAMETER(hwndCtl);
    UNREFERENCED_PARAMETER(codeNotify);
    switch (id)
    {
    case IDOK:
        Connect_OnDial(hDlg, pData);
        break;

    case IDCANCEL:
        if (pData->fDialing && pData->hRasConn)
            RasHangUp(pData->hRasConn);
        pData->hRasConn = NULL;
        pData->fDialing = FALSE;
        pData->lpInfo->dwError = ERROR_SUCCESS;
        EndDialog(hDlg, FALSE);
        break;
    }
}

static INT_PTR CALLBACK ConnectDlgProc(HWND hDlg, UINT message, WPARAM wParam, LPARAM lParam)
{
    switch (message)
    {
        HANDLE_MSG(hDlg, WM_INITDIALOG, Connect_OnInitDialog);
        HANDLE_MSG(hDlg, WM_COMMAND, Connect_OnCommand);

    case WM_DIALSTATE:
        Connect_OnDialState(hDlg, (RASCONNSTATE)wParam, (DWORD)lParam);
        return TRUE;
    }
    return FALSE;
}

static BOOL Properties_OnInitDialog(HWND hDlg, HWND hwndFocus, LPARAM lParam)
{
    LPRASENTRY pEntry = (LPRASENTRY)lParam;

    UNREFERENCED_PARAMETER(hwndFocus);
    SetWindowLongPtr(hDlg, DWLP_USER, (LONG_PTR)pEntry);
    Edit_LimitText(GetDlgItem(hDlg, IDC_PHONENUMBER), RAS_MaxPhoneNumber);
    SetDlgItemText(hDlg, IDC_PHONENUMBER, pEntry->szLocalPhoneNumber);
    return TRUE;
}

static void Properties_OnCommand(HWND hDlg, int id, HWND hwndCtl, UINT codeNotify)
{
    LPRASENTRY pEntry = (LPRASENTRY)GetWindowLongPtr(hDlg, DWLP_USER);

    UNREFERENCED_PARAMETER(hwndCtl);
    UNREFERENCED_PARAMETER(codeNotify);
    if (id == IDOK)
    {
        GetDlgItemText(hDlg, IDC_PHONENUMBER, pEntry->szLocalPhoneNumber,
                       ARRAYSIZE(pEntry->szLocalPhoneNumber));
        EndDialog(hDlg, IDOK);
    }
    else if (id == IDCANCEL)
    {
        EndDialog(hDlg, IDCANCEL);
    }
}

static INT_PTR CALLBACK PropertiesDlgProc(HWND hDlg, UINT message, WPARAM wParam, LPARAM lParam)
{
    switch (message)
    {
        HANDLE_MSG(hDlg, WM_INITDIALOG, Properties_OnInitDialog);
        HANDLE_MSG(hDlg, WM_COMMAND, Properties_OnCommand);
    }
    return FALSE;
}

DWORD WINAPI RasCustomDial(HINSTANCE hInstDll, LPRASDIALEXTENSIONS lpRasDialExtensions,
                           LPCWSTR lpszPhonebook, LPRASDIALPARAMS lpRasDialParams,
                           DWORD dwNotifierType, LPVOID lpvNotifier, LPHRASCONN lphRasConn,
                           DWORD dwFlags)
{
    RASDIALEXTENSIONS rde;

    UNREFERENCED_PARAMETER(hInstDll);
    UNREFERENCED_PARAMETER(dwFlags);
    ZeroMemory(&rde, sizeof(rde));
    if (lpRasDialExtensions)
        CopyMemory(&rde, lpRasDialExtensions, min(sizeof(rde), lpRasDialExtensions->dwSize));
    rde.dwSize = sizeof(rde);
    rde.dwfOptions |= RDEOPT_CustomDial;
    return RasDial(&rde, lpszPhonebook, lpRasDialParams, dwNotifierType, lpvNotifier,
                   lphRasConn);
}

DWORD WINAPI RasCustomHangUp(HRASCONN hRasConn)
{
    return RasHangUp(hRasConn);
}

BOOL WINAPI RasCustomDialDlg(HINSTANCE hInstDll, DWORD dwFlags, LPWSTR lpszPhonebook,
                             LPWSTR lpszEntry, LPWSTR lpszPhoneNumber, LPRASDIALDLG lpInfo,
                             PVOID pvInfo)
{
    CONNECTDATA data;
    INT_PTR nResult;

    UNREFERENCED_PARAMETER(dwFlags);
    UNREFERENCED_PARAMETER(lpszPhoneNumber);
    UNREFERENCED_PARAMETER(pvInfo);
    if (lpInfo == NULL || lpszEntry == NULL)
        return FALSE;

    ZeroMemory(&data, sizeof(data));
    data.lpszPhonebook = lpszPhonebook;
    data.lpszEntry = lpszEntry;
    data.lpInfo = lpInfo;
    lpInfo->dwError = ERROR_SUCCESS;
    nResult = DialogBoxParam(hInstDll, MAKEINTRESOURCE(IDD_CONNECT), lpInfo->hwndOwner,
                             ConnectDlgProc, (LPARAM)&data);
    if (nResult == -1)
    {
        lpInfo->dwError = GetLastError();
        return FALSE;
    }
    return nResult == TRUE;
}

BOOL WINAPI RasCustomEntryDlg(HINSTANCE hInstDll, LPWSTR lpszPhonebook, LPWSTR lpszEntry,
                              LPRASENTRYDLG lpInfo, DWORD dwFlags)
{
    RASENTRY entry;
    DWORD dwSize = sizeof(entry);
    DWORD dwRet;

    UNREFERENCED_PARAMETER(dwFlags);
    if (lpInfo == NULL || lpszEntry == NULL)
        return FALSE;

    ZeroMemory(&entry, sizeof(entry));
    entry.dwSize = sizeof(entry);
    dwRet = RasGetEntryProperties(lpszPhonebook, lpszEntry, &entry, &dwSize, NULL, NULL);
    if (dwRet != ERROR_SUCCESS)
    {
        lpInfo->dwError = dwRet;
        return FALSE;
    }
    if (DialogBoxParam(hInstDll, MAKEINTRESOURCE(IDD_PROPERTIES), lpInfo->hwndOwner,
                       PropertiesDlgProc, (LPARAM)&entry) != IDOK)
    {
        lpInfo->dwError = ERROR_SUCCESS;
        return FALSE;
    }
    entry.dwAlternateOffset = 0;
    dwRet = RasSetEntryProperties(lpszPhonebook, lpszEntry, &entry, sizeof(entry), NULL, 0);
    lpInfo->dwError = dwRet;
    if (dwRet != ERROR_SUCCESS)
        return FALSE;
    lstrcpyn(lpInfo->szEntry, lpszEntry, ARRAYSIZE(lpInfo->szEntry));
    return TRUE;
}

DWORD WINAPI RasCustomDeleteEntryNotify(LPCWSTR lpszPhonebook, LPCWSTR lpszEntry, DWORD dwFlags)
{
    UNREFERENCED_PARAMETER(lpszPhonebook);
    UNREFERENCED_PARAMETER(lpszEntry);
    UNREFERENCED_PARAMETER(dwFlags);
    return ERROR_SUCCESS;
}
