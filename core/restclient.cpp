#include "restclient.h"
