//{{NO_DEPENDENCIES}}
// Microsoft Visual C++ generated include file.
// Used by condial.rc
//
#define IDD_CONNECT                     101
#define IDD_PROPERTIES                  102
#define IDS_READY                       103
#define IDS_DIALING                     104
#define IDS_CONNECTED                   105
#define IDS_NOTPROVIDED                 106
#define IDC_USERNAME                    1001
#define IDC_PASSWORD                    1002
#define IDC_SAVEPASSWORD                1003
#define IDC_SERVER                      1004
#define IDC_STATUS                      1005
#define IDC_PHONENUMBER                 1006

// Next default values for new objects
// 
#ifdef APSTUDIO_INVOKED
#ifndef APSTUDIO_READONLY_SYMBOLS
#define _APS_NEXT_RESOURCE_VALUE        107
#define _APS_NEXT_COMMAND_VALUE         40001
#define _APS_NEXT_CONTROL_VALUE         1007
#define _APS_NEXT_SYMED_VALUE           101
#endif
#endif
