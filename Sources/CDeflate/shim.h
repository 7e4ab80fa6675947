// libdeflate, for inflating pack objects whose inflated size the entry header gives
// (PlaybookGit/PackReader.swift): about twice zlib's speed there. zlib stays for what it cannot do.
#ifndef PLAYBOOK_CDEFLATE_SHIM_H
#define PLAYBOOK_CDEFLATE_SHIM_H
#include <libdeflate.h>
#endif
