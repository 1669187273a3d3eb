/* SPDX-License-Identifier: MIT */
/*
 * The guest's own vsnprintf (kernel/libc/format.c), built here under other
 * names and compared with the host libc's for the same formats.
 *
 * The host <stdio.h> is included first, so that format.c's own include of
 * it is a no-op; format.c's definitions are then renamed db_vsnprintf and
 * db_snprintf, and the libc functions stay available for comparison.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

int db_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int db_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#define vsnprintf db_vsnprintf
#define snprintf  db_snprintf
#include "kernel/libc/format.c"
#undef vsnprintf
#undef snprintf

#define BUF      512
#define SENTINEL 0x5a

/*
 * Formats with both implementations into a large buffer, then into every
 * smaller size down to 0: the text, the return value and the bytes past
 * the size (never written) must agree.
 */
static void __attribute__((format(printf, 2, 3))) same_at(int line, const char *fmt, ...)
{
	char want[BUF], got[BUF];
	va_list ap, a1, a2;

	va_start(ap, fmt);
	va_copy(a1, ap);
	va_copy(a2, ap);
	int nw = vsnprintf(want, sizeof(want), fmt, a1);
	int ng = db_vsnprintf(got, sizeof(got), fmt, a2);
	va_end(a1);
	va_end(a2);
	if (nw != ng || strcmp(want, got))
		fail_msg("line %d: format \"%s\": libc \"%s\" (%d), guest \"%s\" (%d)", line, fmt,
			 want, nw, got, ng);
	assert_true(nw >= 0 && nw < BUF - 2);

	for (size_t size = 0; size <= (size_t)nw + 1; size++) {
		memset(want, SENTINEL, sizeof(want));
		memset(got, SENTINEL, sizeof(got));
		va_copy(a1, ap);
		va_copy(a2, ap);
		nw = vsnprintf(want, size, fmt, a1);
		ng = db_vsnprintf(got, size, fmt, a2);
		va_end(a1);
		va_end(a2);
		if (nw != ng || memcmp(want, got, (size_t)nw + 2))
			fail_msg("line %d: format \"%s\", size %zu: libc \"%.*s\" (%d), guest "
				 "\"%.*s\" (%d)",
				 line, fmt, size, (int)size, want, nw, (int)size, got, ng);
	}
	va_end(ap);
}

#define SAME(...) same_at(__LINE__, __VA_ARGS__)

/* For valid formats that clang's -Wformat still questions. */
#define SAME_NOWARN(...)                                                                           \
	do {                                                                                       \
		_Pragma("clang diagnostic push");                                                  \
		_Pragma("clang diagnostic ignored \"-Wformat\"");                                  \
		SAME(__VA_ARGS__);                                                                 \
		_Pragma("clang diagnostic pop");                                                   \
	} while (0)

/* The guest's result only (where it deliberately differs from glibc). */
#define GUEST(expect, ...)                                                                         \
	do {                                                                                       \
		char _b[BUF];                                                                      \
		int _n = db_snprintf(_b, sizeof(_b), __VA_ARGS__);                                 \
		assert_string_equal(_b, expect);                                                   \
		assert_int_equal(_n, (int)strlen(expect));                                         \
	} while (0)

static void test_plain_text(void **state)
{
	SAME("%s", "");
	SAME("hello, world");
	SAME("tabs\tand\nnewlines");
	SAME("%%");
	SAME("100%% sure %%d");
}

static void test_signed_decimal(void **state)
{
	SAME("%d %i", 0, 0);
	SAME("%d %i", 42, -42);
	SAME("%d", INT_MAX);
	SAME("%d", INT_MIN);
	SAME("%i", -1);
	SAME("[%d|%d|%d]", 1, 22, 333);
}

static void test_unsigned_decimal(void **state)
{
	SAME("%u", 0u);
	SAME("%u", 4000000000u);
	SAME("%u", UINT_MAX);
	SAME("%u", (unsigned)-1);
}

static void test_hex_and_octal(void **state)
{
	SAME("%x %X", 0xdeadbeefu, 0xdeadbeefu);
	SAME("%x", 0u);
	SAME("%x", UINT_MAX);
	SAME("%o", 0u);
	SAME("%o", 8u);
	SAME("%o", 0777u);
	SAME("%o", UINT_MAX);
	SAME("%X", 0xabcdefu);
}

static void test_flag_minus_and_width(void **state)
{
	SAME("[%5d]", 42);
	SAME("[%-5d]", 42);
	SAME("[%-5d]", -42);
	SAME("[%2d]", 12345);
	SAME("[%-8x]", 0xabcu);
	SAME("[%-8s]", "ab");
	SAME("[%8s]", "ab");
	SAME("[%1s]", "abc");
	SAME("[%-3c]", 'x');
	SAME("[%3c]", 'x');
	SAME("[%-12u]", 7u);
}

static void test_flag_zero(void **state)
{
	SAME("[%05d]", 42);
	SAME("[%05d]", -42);
	SAME("[%05x]", 0xabu);
	SAME("[%08X]", 0xdeadu);
	SAME("[%05o]", 8u);
	SAME("[%03d]", 12345);
	/* '0' is ignored with '-' and with a precision. */
	SAME_NOWARN("[%-05d]", 42);
	SAME("[%05.3d]", 7);
	SAME("[%08.3x]", 0xau);
	SAME("[%010d]", INT_MIN);
}

static void test_flag_plus_and_space(void **state)
{
	SAME("[%+d]", 42);
	SAME("[%+d]", -42);
	SAME("[%+d]", 0);
	SAME("[% d]", 42);
	SAME("[% d]", -42);
	SAME("[% d]", 0);
	SAME_NOWARN("[%+ d]", 5); /* '+' wins over ' ' */
	SAME_NOWARN("[% +d]", 5);
	SAME("[%+5d]", 5);
	SAME("[%-+5d]", 5);
	SAME("[%+05d]", 5);
	SAME("[% 05d]", 5);
	SAME("[%+.3d]", 5);
	SAME("[%+i]", INT_MIN);
}

static void test_plus_and_space_ignored_when_unsigned(void **state)
{
	/* Valid C (the flags only affect signed conversions); clang warns anyway. */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wformat"
	SAME("[%+u]", 5u);
	SAME("[% u]", 5u);
	SAME("[%+x]", 0x1fu);
	SAME("[% X]", 0x1fu);
	SAME("[%+o]", 8u);
	SAME("[%+5u]", 5u);
	SAME("[% 05u]", 5u);
#pragma clang diagnostic pop
}

static void test_flag_alt(void **state)
{
	SAME("[%#x]", 0x1fu);
	SAME("[%#X]", 0x1fu);
	SAME("[%#o]", 8u);
	SAME("[%#10x]", 0xabu);
	SAME("[%#-10x]", 0xabu);
	SAME("[%#010x]", 0xdeadu);
	SAME("[%#05o]", 8u);
	SAME("[%#.6x]", 0xabu);
}

static void test_alt_with_zero_value(void **state)
{
	/* No 0x prefix for a zero value; "%#o" of zero is a single 0. */
	SAME("[%#x]", 0u);
	SAME("[%#X]", 0u);
	SAME("[%#5x]", 0u);
	SAME("[%#05x]", 0u);
	SAME("[%#o]", 0u);
	SAME("[%#5o]", 0u);
}

static void test_alt_octal_precision(void **state)
{
	/* '#' with 'o' only adds a 0 when the digits do not start with one. */
	SAME("[%#.3o]", 8u);
	SAME("[%#.2o]", 8u);
	SAME("[%#.1o]", 8u);
	SAME("[%#.5o]", 0777u);
	SAME("[%#8.4o]", 8u);
	SAME("[%#.0o]", 0u);
	SAME("[%#.3o]", 0u);
}

static void test_precision_numbers(void **state)
{
	SAME("[%.3d]", 7);
	SAME("[%.3d]", -7);
	SAME("[%.1d]", 12345);
	SAME("[%8.3d]", -7);
	SAME("[%-8.3d]", -7);
	SAME("[%.10u]", 42u);
	SAME("[%.4x]", 0xau);
	SAME("[%.d]", 5);
}

static void test_zero_with_precision_zero(void **state)
{
	SAME("[%.0d]", 0);
	SAME("[%.0i]", 0);
	SAME("[%.0u]", 0u);
	SAME("[%.0x]", 0u);
	SAME("[%.0X]", 0u);
	SAME("[%.0o]", 0u);
	SAME("[%.d]", 0);
	SAME("[%5.0d]", 0);
	SAME("[%-5.0x]", 0u);
	SAME("[%+.0d]", 0);
	SAME("[% .0d]", 0);
	SAME("[%#.0x]", 0u);
	SAME("[%.0d]", 1);
}

static void test_precision_strings(void **state)
{
	SAME("[%.3s]", "abcdef");
	SAME("[%.0s]", "abcdef");
	SAME("[%.10s]", "abc");
	SAME("[%8.3s]", "abcdef");
	SAME("[%-8.3s]", "abcdef");
	SAME("[%.s]", "abc");
}

static void test_precision_string_not_terminated(void **state)
{
	/* With a precision the string need not be NUL-terminated. */
	static const char raw[4] = {'D', 'M', 'A', 'R'};
	GUEST("[DMAR]", "[%.4s]", raw);
	GUEST("[DM]", "[%.2s]", raw);
}

static void test_star_width_and_precision(void **state)
{
	SAME("[%*d]", 6, 42);
	SAME("[%*d]", -6, 42); /* negative width: left-justified */
	SAME("[%-*d]", 6, 42);
	SAME("[%*d]", 0, 42);
	SAME("[%.*d]", 4, 42);
	SAME("[%.*d]", -1, 42); /* negative precision: as if none */
	SAME("[%0.*d]", -3, 42);
	SAME("[%0*d]", 6, -42);
	SAME("[%*.*d]", 8, 4, 42);
	SAME("[%*.*s]", -8, 2, "abcdef");
	SAME("[%.*s]", 3, "abcdef");
	SAME("[%.*s]", -1, "abcdef");
	SAME("[%*s|%*s]", 3, "a", -3, "b");
	SAME("[%.*d]", 0, 0);
}

static void test_length_hh_h(void **state)
{
	/* Arguments arrive promoted to int; the modifier converts them back. */
	SAME_NOWARN("%hhd", -128);
	SAME_NOWARN("%hhd", 127);
	SAME_NOWARN("%hhd", 300); /* converted to signed char */
	SAME_NOWARN("%hhu", 300); /* to unsigned char */
	SAME_NOWARN("%hhx", 0x1ff);
	SAME_NOWARN("%hhd", 0xff);
	SAME_NOWARN("%hd", SHRT_MIN);
	SAME_NOWARN("%hd", 70000);
	SAME_NOWARN("%hu", 70000);
	SAME_NOWARN("%hx", 0x12345);
	SAME_NOWARN("%ho", 0x1ffff);
}

static void test_length_l_ll(void **state)
{
	SAME("%ld", LONG_MIN);
	SAME("%ld", LONG_MAX);
	SAME("%lu", ULONG_MAX);
	SAME("%lx", 0xfedcba9876543210ul);
	SAME("%lld", LLONG_MIN);
	SAME("%lld", LLONG_MAX);
	SAME("%lli", -1ll);
	SAME("%llu", ULLONG_MAX);
	SAME("%llx %llX", ULLONG_MAX, ULLONG_MAX);
	SAME("%llo", ULLONG_MAX);
	SAME("%#llo", ULLONG_MAX);
	SAME("[%+25lld]", LLONG_MIN);
	SAME("[%-25llu]", ULLONG_MAX);
	SAME("[%#025llx]", 0x123456789abcdefull);
}

static void test_length_z_j_t(void **state)
{
	SAME("%zu", (size_t)SIZE_MAX);
	SAME("%zx", (size_t)0x1234);
	SAME("%zd", (ssize_t)-5);
	SAME("%jd", (intmax_t)INT64_MIN);
	SAME("%ju", (uintmax_t)UINT64_MAX);
	SAME("%td", (ptrdiff_t)-123456789012ll);
	SAME("%tx", (ptrdiff_t)0x7fff);
}

static void test_mixed_lengths(void **state)
{
	SAME("%d %lld %hhd %zu %hu %s %c", -1, LLONG_MIN, (signed char)-5, (size_t)7,
	     (unsigned short)65535, "end", 'Q');
}

static void test_pointer(void **state)
{
	int x;
	SAME("%p", (void *)&x);
	SAME("%p", (void *)0x1000);
	SAME("%p", (void *)UINTPTR_MAX);
	SAME("[%20p]", (void *)0xabcdef);
	SAME("[%-20p]", (void *)0xabcdef);
}

static void test_pointer_null(void **state)
{
	/* Guest behaviour: "0x0" (glibc prints "(nil)"). */
	GUEST("0x0", "%p", NULL);
	GUEST("[     0x0]", "[%8p]", NULL);
	GUEST("[0x0     ]", "[%-8p]", NULL);
}

static void test_string_null(void **state)
{
	/* Guest behaviour: "(null)", cut by a precision like any string (glibc prints
	 * nothing when the precision is below 6). */
	GUEST("(null)", "%s", (const char *)NULL);
	GUEST("[  (null)]", "[%8s]", (const char *)NULL);
	GUEST("[(nu]", "[%.3s]", (const char *)NULL);
}

static void test_char(void **state)
{
	SAME("%c", 'a');
	SAME("%c%c%c", 'x', 'y', 'z');
	SAME("[%c]", 0x80 | 'A');
	SAME("[%5c]", 'r');
	SAME("[%-5c]", 'l');
}

static void test_char_nul(void **state)
{
	/* A NUL character counts and is written. */
	char b[8];
	memset(b, SENTINEL, sizeof(b));
	int n = db_snprintf(b, sizeof(b), "a%cb", 0);
	assert_int_equal(n, 3);
	assert_memory_equal(b, "a\0b\0", 4);
}

static void test_string(void **state)
{
	SAME("%s", "abc");
	SAME("%s|%s", "", "x");
	SAME("[%10s]", "right");
	SAME("[%-10s]", "left");
	SAME("%s%s%s", "a", "bb", "ccc");
}

static void test_percent(void **state)
{
	SAME("%%");
	SAME("a%%b%%c");
	SAME("%d%%", 50);
}

static void test_unknown_conversion(void **state)
{
	/* Guest behaviour: an unknown conversion is printed as is. */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wformat"
#pragma clang diagnostic ignored "-Wformat-invalid-specifier"
	GUEST("[%y]", "[%y]");
	GUEST("[%q]", "[%5q]");
#pragma clang diagnostic pop
}

static void test_trailing_percent(void **state)
{
	/* Guest behaviour: a lone '%' (or an unfinished spec) at the end prints nothing. */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wformat"
	GUEST("abc", "abc%");
	GUEST("abc", "abc%-");
	GUEST("abc", "abc%08");
	GUEST("abc", "abc%.");
	GUEST("abc", "abc%ll");
#pragma clang diagnostic pop
}

static void test_truncation_and_return(void **state)
{
	char b[8];
	memset(b, SENTINEL, sizeof(b));
	assert_int_equal(db_snprintf(b, 4, "%d", 123456), 6);
	assert_string_equal(b, "123");
	assert_int_equal((unsigned char)b[4], SENTINEL);

	memset(b, SENTINEL, sizeof(b));
	assert_int_equal(db_snprintf(b, 1, "%s", "abc"), 3);
	assert_int_equal(b[0], 0);
	assert_int_equal((unsigned char)b[1], SENTINEL);

	memset(b, SENTINEL, sizeof(b));
	assert_int_equal(db_snprintf(b, 7, "%s", "abcdef"), 6);
	assert_string_equal(b, "abcdef");
	assert_int_equal((unsigned char)b[7], SENTINEL);

	/* Truncation inside padding, a prefix and zeros. */
	SAME("[%#020llx]", 0x1234ull);
	SAME("[%-20s]", "pad");
	SAME("[%+.12d]", -5);
}

static void test_size_zero(void **state)
{
	char b[4] = {1, 2, 3, 4};
	assert_int_equal(db_snprintf(b, 0, "%s %d", "hello", 42), 8);
	assert_memory_equal(b, ((char[]){1, 2, 3, 4}), 4);
	/* Nothing is written: a NULL buffer is fine. */
	assert_int_equal(db_snprintf(NULL, 0, "%llu", ULLONG_MAX), 20);
	assert_int_equal(db_snprintf(NULL, 0, ""), 0);
}

static void test_empty_format(void **state)
{
	char b[4] = {1, 2, 3, 4};
	assert_int_equal(db_snprintf(b, sizeof(b), ""), 0);
	assert_int_equal(b[0], 0);
	assert_int_equal(b[1], 2);
}

static int call_v(char *b, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int call_v(char *b, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = db_vsnprintf(b, n, fmt, ap);
	va_end(ap);
	return r;
}

static void test_vsnprintf_va_list(void **state)
{
	char b[64];
	assert_int_equal(call_v(b, sizeof(b), "%s=%d,%llx", "k", -3, 0xabcull), 8);
	assert_string_equal(b, "k=-3,abc");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_signed_decimal),
		cmocka_unit_test(test_unsigned_decimal),
		cmocka_unit_test(test_hex_and_octal),
		cmocka_unit_test(test_flag_minus_and_width),
		cmocka_unit_test(test_flag_zero),
		cmocka_unit_test(test_flag_plus_and_space),
		cmocka_unit_test(test_plus_and_space_ignored_when_unsigned),
		cmocka_unit_test(test_flag_alt),
		cmocka_unit_test(test_alt_with_zero_value),
		cmocka_unit_test(test_alt_octal_precision),
		cmocka_unit_test(test_precision_numbers),
		cmocka_unit_test(test_zero_with_precision_zero),
		cmocka_unit_test(test_precision_strings),
		cmocka_unit_test(test_precision_string_not_terminated),
		cmocka_unit_test(test_star_width_and_precision),
		cmocka_unit_test(test_length_hh_h),
		cmocka_unit_test(test_length_l_ll),
		cmocka_unit_test(test_length_z_j_t),
		cmocka_unit_test(test_mixed_lengths),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_pointer_null),
		cmocka_unit_test(test_string_null),
		cmocka_unit_test(test_char),
		cmocka_unit_test(test_char_nul),
		cmocka_unit_test(test_string),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_unknown_conversion),
		cmocka_unit_test(test_trailing_percent),
		cmocka_unit_test(test_truncation_and_return),
		cmocka_unit_test(test_size_zero),
		cmocka_unit_test(test_empty_format),
		cmocka_unit_test(test_vsnprintf_va_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
