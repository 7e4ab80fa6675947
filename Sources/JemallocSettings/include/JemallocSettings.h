// The options jemalloc reads at start-up (`malloc_conf`, defined in settings.c).
#ifndef PLAYBOOK_JEMALLOC_SETTINGS_H
#define PLAYBOOK_JEMALLOC_SETTINGS_H
extern const char *malloc_conf;
#endif
