#include "nodepeer.h"
