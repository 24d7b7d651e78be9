#include "logentry.h"
