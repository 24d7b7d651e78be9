#include "soketi.h"
