#include "logstore.h"
