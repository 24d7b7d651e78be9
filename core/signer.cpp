#include "signer.h"
