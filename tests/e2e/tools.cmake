# The tools' shell completion (completion/): bash and zsh, entry names with spaces.
openras_script_test(e2e.completion SCRIPT tests/e2e/completion.sh)
set_tests_properties(e2e.completion PROPERTIES TIMEOUT 120)
