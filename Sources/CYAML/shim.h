#ifndef PLAYBOOK_CYAML_SHIM_H
#define PLAYBOOK_CYAML_SHIM_H
#include <yaml.h>
#endif
