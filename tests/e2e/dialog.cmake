# The dialog runtime (src/dialog) end to end: the terminal renderer in tmux, the sample
# dialog under the scripted renderer with a real signal, and the installed SDK (rasrc via
# pkg-config and via find_package).
openras_script_test(e2e.dialog_terminal SCRIPT tests/e2e/dialog_terminal.sh)
openras_script_test(e2e.dialog_scripted SCRIPT tests/e2e/dialog_scripted.sh)
openras_script_test(e2e.dialog_sdk SCRIPT tests/e2e/dialog_sdk.sh)
set_tests_properties(e2e.dialog_terminal e2e.dialog_scripted PROPERTIES TIMEOUT 60)
set_tests_properties(e2e.dialog_sdk PROPERTIES TIMEOUT 300)
# A custom dialer as written for Windows, built unchanged against the installed SDK, whose
# own .rc dialogs RasDialDlgW and RasEntryDlgW show (rasphone, a real rasmand).
openras_script_test(e2e.dialog_windows_dialer SCRIPT tests/e2e/dialog_windows_dialer.sh)
set_tests_properties(e2e.dialog_windows_dialer PROPERTIES TIMEOUT 300)
