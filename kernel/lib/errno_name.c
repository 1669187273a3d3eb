/* SPDX-License-Identifier: MIT */
#include "kernel/errno.h"

const char *errno_name(int err)
{
	switch (err) {
	case 0: return "0";
	case -EPERM: return "-EPERM";
	case -ENOENT: return "-ENOENT";
	case -EIO: return "-EIO";
	case -E2BIG: return "-E2BIG";
	case -ENOMEM: return "-ENOMEM";
	case -EFAULT: return "-EFAULT";
	case -EBUSY: return "-EBUSY";
	case -EEXIST: return "-EEXIST";
	case -ENODEV: return "-ENODEV";
	case -EINVAL: return "-EINVAL";
	case -ENOSPC: return "-ENOSPC";
	case -ERANGE: return "-ERANGE";
	case -ENOSYS: return "-ENOSYS";
	case -ENODATA: return "-ENODATA";
	case -EPROTO: return "-EPROTO";
	case -EBADMSG: return "-EBADMSG";
	case -EOVERFLOW: return "-EOVERFLOW";
	case -EOPNOTSUPP: return "-EOPNOTSUPP";
	case -ETIMEDOUT: return "-ETIMEDOUT";
	case -EALREADY: return "-EALREADY";
	default: return "-E?";
	}
}
