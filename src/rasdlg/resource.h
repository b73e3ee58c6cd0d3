/* resource.h: the ids of the built-in RAS dialogs (rasdlg.rc) and their controls. */
#pragma once

#define IDD_DIAL 100
#define IDD_ENTRY 101
#define IDD_PHONEBOOK 102

/* RasDialDlg */
#define IDC_DD_USER 1001
#define IDC_DD_PASSWORD 1002
#define IDC_DD_DOMAIN 1003
#define IDC_DD_SAVE 1004
#define IDC_DD_NUMBER 1005
#define IDC_DD_STATUS 1006

/* RasEntryDlg */
#define IDC_ED_NAME 1101
#define IDC_ED_DEVICE 1102
#define IDC_ED_NUMBER 1103
#define IDC_ED_ALTERNATES 1104
#define IDC_ED_PROMPT 1105
#define IDC_ED_LOGON_CREDS 1106
#define IDC_ED_DIALER 1107
#define IDC_ED_REDIAL_COUNT 1108
#define IDC_ED_REDIAL_PAUSE 1109
#define IDC_ED_STATIC_IP 1110
#define IDC_ED_IP 1111
#define IDC_ED_DNS 1112
#define IDC_ED_GATEWAY 1113
#define IDC_ED_STATUS 1114

/* RasPhonebookDlg */
#define IDC_PB_LIST 1201
#define IDC_PB_DIAL 1202
#define IDC_PB_HANGUP 1203
#define IDC_PB_NEW 1204
#define IDC_PB_EDIT 1205
#define IDC_PB_DELETE 1206
#define IDC_PB_STATUS 1207
