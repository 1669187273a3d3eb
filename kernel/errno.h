/* SPDX-License-Identifier: MIT */
/* Error numbers: Linux's values, so host builds and guest builds agree. */
#ifndef DOORBELL_ERRNO_H
#define DOORBELL_ERRNO_H

#if __STDC_HOSTED__
#include <errno.h>
#else
#define EPERM      1
#define ENOENT     2
#define EIO        5
#define E2BIG      7
#define ENOMEM     12
#define EFAULT     14
#define EBUSY      16
#define EEXIST     17
#define ENODEV     19
#define EINVAL     22
#define ENOSPC     28
#define ERANGE     34
#define ENOSYS     38
#define ENODATA    61
#define EPROTO     71
#define EBADMSG    74
#define EOVERFLOW  75
#define EOPNOTSUPP 95
#define ETIMEDOUT  110
#define EALREADY   114
#endif

/* "-ENOSPC" style name of a negative errno, for reports. */
const char *errno_name(int err);

#endif
