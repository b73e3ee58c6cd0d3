# rasphone and the RAS dialogs end to end: answer scripts against a real rasmand and test
# devices, and the terminal renderer in tmux.
openras_script_test(e2e.rasphone_scripted SCRIPT tests/e2e/rasphone_scripted.sh)
openras_script_test(e2e.rasphone_terminal SCRIPT tests/e2e/rasphone_terminal.sh)
set_tests_properties(e2e.rasphone_scripted e2e.rasphone_terminal PROPERTIES TIMEOUT 180)
