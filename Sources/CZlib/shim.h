// zlib, for reading git's pack files (PlaybookGit/PackReader.swift). libgit2 links it already;
// every Linux distribution and macOS's SDK ship it.
#ifndef PLAYBOOK_CZLIB_SHIM_H
#define PLAYBOOK_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit is a macro, which Swift cannot call. */
static inline int playbook_inflate_init(z_stream *stream) {
    return inflateInit(stream);
}
#endif
