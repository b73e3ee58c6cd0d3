/* resource.h: the ids of sample.rc, as Visual Studio would write them. */
#define IDD_LOGON 101
#define IDC_USER 1001
#define IDC_PASSWORD 1002
#define IDC_SAVE 1003
#define IDC_DEVICE 1004
#define IDC_STATUS 1005
#define IDS_TITLE 1
#define IDS_READY 2
#define IDS_TYPING 17

#ifndef IDC_STATIC
#define IDC_STATIC (-1)
#endif
