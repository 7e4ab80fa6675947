// Snowball stemmers (Debian's libstemmer-dev ships no pkg-config file), and C's log()
// so that the Similarity module needs no other import.
#include <libstemmer.h>
#include <math.h>
