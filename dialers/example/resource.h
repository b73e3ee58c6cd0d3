/* resource.h: the example dialer's dialog and control ids (example.rc, example.c). */
#define IDD_EXAMPLE_DIAL 200
#define IDD_EXAMPLE_ENTRY 201

#define IDC_EX_USER 2001
#define IDC_EX_PASSWORD 2002
#define IDC_EX_NUMBER 2003
#define IDC_EX_STATUS 2004
#define IDC_EX_NAME 2005

#define IDS_EX_DIALING 300
#define IDS_EX_CONNECTED 301
#define IDS_EX_FAILED 302
#define IDS_EX_HUNG_UP 303
