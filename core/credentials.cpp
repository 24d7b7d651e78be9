#include "credentials.h"
