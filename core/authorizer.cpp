#include "authorizer.h"
