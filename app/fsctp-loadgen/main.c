/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdio.h>
#include "fsctp.h"
int
main(void)
{
	return 0;
}
