# The PPP engine's parsers (src/ppp): frames, LCP, IPCP/IPV6CP, PAP, CHAP/MS-CHAPv2, and a
# whole session fed line bytes. Corpora in corpus/ppp_*/ come from the slirp and pppd
# transcripts of shared/reference/ppp-peers.md (each target's header says the format).
foreach(target ppp_frames ppp_lcp ppp_ncp ppp_pap ppp_chap ppp_session)
  openras_fuzzer(${target} SOURCES ${target}.cpp LIBS openras_ppp)
endforeach()
