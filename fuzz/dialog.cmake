# The dialog runtime's parsers (src/dialog): the .rc compiler behind rasrc (corpus
# fuzz/corpus/rc/: the sample dialer's .rc, Visual Studio-style scripts, hand-broken ones),
# and the binary template reader with the answer-script parser (fuzz/corpus/dlg_template/).
openras_fuzzer(rc SOURCES rc.cpp LIBS openras_dialog)
openras_fuzzer(dlg_template SOURCES dlg_template.cpp LIBS openras_dialog)
