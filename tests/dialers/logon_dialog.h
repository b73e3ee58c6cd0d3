/* logon_dialog.h: the resource ids of logon_dialog.rc. */
#define IDD_LOGON_DIALOG 100
#define IDC_LD_STATUS 101
#define IDC_LD_USER 102
#define IDC_LD_PASSWORD 103
#define IDC_LD_SAVE 104
