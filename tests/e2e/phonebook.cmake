# Phone book and entry API (issue 4), end to end against the installed SDK:
# the acceptance sequence and a Windows rasphone.pbk edit, and a real non-root user
# against the all-users phone book (needs root to create the user).
openras_script_test(e2e.phonebook_acceptance SCRIPT tests/e2e/phonebook_acceptance.sh)
openras_script_test(e2e.phonebook_users SCRIPT tests/e2e/phonebook_users.sh)
