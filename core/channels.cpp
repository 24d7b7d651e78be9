#include "channels.h"
