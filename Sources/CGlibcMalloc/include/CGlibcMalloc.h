// glibc's malloc.h, which Swift's Glibc module leaves out: `mallopt` and its parameters, for
// sysreg-gen's allocator settings. Called directly rather than looked up with `dlsym`, which
// finds nothing in a statically linked executable. Empty where there is no malloc.h (Darwin).
#ifndef CGLIBCMALLOC_H
#define CGLIBCMALLOC_H

#if __has_include(<malloc.h>)
#include <malloc.h>
#endif

#endif
