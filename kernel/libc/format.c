/* SPDX-License-Identifier: MIT */
/*
 * vsnprintf for the guest: %d %i %u %x %X %o %p %s %c %%, with flags
 * '-', '0', '+', ' ', '#', width and precision (also '*'), and the length
 * modifiers hh h l ll z t j. No floating point.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct out {
	char *buf;
	size_t size;
	size_t len; /* characters that would have been written */
};

static void out_char(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		out_char(o, c);
}

struct spec {
	bool left, zero, plus, space, alt;
	bool sign; /* a signed conversion: '+' and ' ' apply (C11 7.21.6.1p6) */
	bool ptr;  /* %p: always 0x, also for NULL */
	int width;
	int prec; /* -1: none */
};

static void out_str(struct out *o, const struct spec *sp, const char *s)
{
	if (!s)
		s = "(null)";
	int len = (int)strnlen(s, sp->prec >= 0 ? (size_t)sp->prec : (size_t)-1);
	if (!sp->left)
		out_pad(o, ' ', sp->width - len);
	for (int i = 0; i < len; i++)
		out_char(o, s[i]);
	if (sp->left)
		out_pad(o, ' ', sp->width - len);
}

static void out_num(struct out *o, const struct spec *sp, uint64_t v, bool neg, unsigned base,
		    bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	bool is_zero = !v;
	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (sp->prec == 0 && is_zero)
		n = 0;
	int zeros = sp->prec > n ? sp->prec - n : 0;

	const char *prefix = "";
	if (neg)
		prefix = "-";
	else if (sp->sign && sp->plus)
		prefix = "+";
	else if (sp->sign && sp->space)
		prefix = " ";
	else if (base == 16 && (sp->ptr || (sp->alt && !is_zero)))
		prefix = upper ? "0X" : "0x"; /* '#': 0x only for a nonzero value */
	else if (sp->alt && base == 8 && !zeros && (!n || tmp[n - 1] != '0'))
		prefix = "0"; /* '#': the first digit must be a zero (C11 7.21.6.1p6) */
	int plen = (int)strlen(prefix);
	int total = plen + zeros + n;
	if (sp->zero && !sp->left && sp->prec < 0 && sp->width > total) {
		zeros += sp->width - total;
		total = sp->width;
	}
	if (!sp->left)
		out_pad(o, ' ', sp->width - total);
	for (int i = 0; i < plen; i++)
		out_char(o, prefix[i]);
	out_pad(o, '0', zeros);
	while (n)
		out_char(o, tmp[--n]);
	if (sp->left)
		out_pad(o, ' ', sp->width - total);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {buf, size, 0};

	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			out_char(&o, *p);
			continue;
		}
		struct spec sp = {.prec = -1};
		for (;;) {
			char f = *++p;
			if (f == '-')
				sp.left = true;
			else if (f == '0')
				sp.zero = true;
			else if (f == '+')
				sp.plus = true;
			else if (f == ' ')
				sp.space = true;
			else if (f == '#')
				sp.alt = true;
			else
				break;
		}
		if (*p == '*') {
			sp.width = va_arg(ap, int);
			if (sp.width < 0) {
				sp.left = true;
				sp.width = -sp.width;
			}
			p++;
		} else {
			while (*p >= '0' && *p <= '9')
				sp.width = sp.width * 10 + (*p++ - '0');
		}
		if (*p == '.') {
			p++;
			sp.prec = 0;
			if (*p == '*') {
				sp.prec = va_arg(ap, int);
				p++;
			} else {
				while (*p >= '0' && *p <= '9')
					sp.prec = sp.prec * 10 + (*p++ - '0');
			}
		}
		int lng = 0; /* -2 hh, -1 h, 1 l, 2 ll/j/z/t */
		for (;; p++) {
			if (*p == 'h')
				lng = lng == -1 ? -2 : -1;
			else if (*p == 'l')
				lng = lng == 1 ? 2 : 1;
			else if (*p == 'z' || *p == 't' || *p == 'j')
				lng = 2;
			else
				break;
		}
		switch (*p) {
		case 'd':
		case 'i': {
			int64_t v;
			if (lng >= 1)
				v = lng == 1 ? va_arg(ap, long) : va_arg(ap, long long);
			else
				v = va_arg(ap, int);
			if (lng == -1)
				v = (short)v;
			else if (lng == -2)
				v = (signed char)v;
			sp.sign = true;
			out_num(&o, &sp, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0, 10, false);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			uint64_t v;
			if (lng >= 1)
				v = lng == 1 ? va_arg(ap, unsigned long)
					     : va_arg(ap, unsigned long long);
			else
				v = va_arg(ap, unsigned int);
			if (lng == -1)
				v = (unsigned short)v;
			else if (lng == -2)
				v = (unsigned char)v;
			unsigned base = *p == 'u' ? 10 : *p == 'o' ? 8 : 16;
			out_num(&o, &sp, v, false, base, *p == 'X');
			break;
		}
		case 'p':
			sp.ptr = true;
			out_num(&o, &sp, (uintptr_t)va_arg(ap, void *), false, 16, false);
			break;
		case 's': out_str(&o, &sp, va_arg(ap, const char *)); break;
		case 'c': {
			char c[2] = {(char)va_arg(ap, int), 0};
			sp.prec = -1;
			if (!sp.left)
				out_pad(&o, ' ', sp.width - 1);
			out_char(&o, c[0]);
			if (sp.left)
				out_pad(&o, ' ', sp.width - 1);
			break;
		}
		case '%': out_char(&o, '%'); break;
		case 0: p--; break;
		default:
			out_char(&o, '%');
			out_char(&o, *p);
			break;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
