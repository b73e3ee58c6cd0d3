# The PPP engine's parsers (src/ppp), one target each: frames, LCP, IPCP, IPV6CP, PAP,
# CHAP-MD5, MS-CHAPv2; and a whole session fed line bytes. Corpora in corpus/ppp_*/ come from
# the slirp and pppd transcripts of shared/reference/ppp-peers.md and from pppd in UML
# (src/ppp/pppd_interop_test's logs); each target's header says the format.
foreach(target ppp_frames ppp_lcp ppp_ipcp ppp_ipv6cp ppp_pap ppp_chap ppp_mschapv2
        ppp_session)
  openras_fuzzer(${target} SOURCES ${target}.cpp LIBS openras_ppp)
endforeach()
