// A C target needs a source file; everything it offers is in the header.
#include "CGlibcMalloc.h"
