// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel-like code: calls between static functions (resolved by the
 * assembler, no relocation), jump tables, short and long branches, atomics,
 * bit operations, string moves, division, 128-bit and floating point.
 */
struct item {
	struct item *next;
	unsigned long flags;
	int refs;
	char name[24];
};

static struct item *head;
static unsigned long counter;
extern void printk(const char *fmt, ...);

static __attribute__((noinline)) int classify(int c)
{
	switch (c) {
	case 0: return 10;
	case 1: return 22;
	case 2: return 37;
	case 3: return 41;
	case 4: return 58;
	case 5: return 63;
	case 6: return 79;
	case 7: return 81;
	default: return -1;
	}
}

static __attribute__((noinline)) void get(struct item *it)
{
	__atomic_fetch_add(&it->refs, 1, __ATOMIC_SEQ_CST);
	__atomic_fetch_or(&it->flags, 4UL, __ATOMIC_RELAXED);
}

static __attribute__((noinline)) int put(struct item *it)
{
	return __atomic_sub_fetch(&it->refs, 1, __ATOMIC_SEQ_CST) == 0;
}

int walk_items(int mode)
{
	struct item *it;
	int sum = 0;

	for (it = head; it; it = it->next) {
		get(it);
		sum += classify((int)(it->flags & 7) + mode);
		if (__builtin_expect(it->flags & (1UL << 40), 0))
			printk("odd %s\n", it->name);
		if (put(it))
			counter++;
	}
	return sum;
}

unsigned long bits(unsigned long x, unsigned long y)
{
	return __builtin_popcountl(x) + __builtin_ctzl(y | 1) + __builtin_clzl(x | 1) +
	       (x >> (y & 63)) + (unsigned long)__builtin_bswap64(y) + (x * 0x9e3779b97f4a7c15UL);
}

void copy(char *d, const char *s, unsigned long n)
{
	__builtin_memcpy(d, s, n);
	__builtin_memset(d + n, 0, 64);
}

long divide(long a, long b, unsigned short c, signed char d)
{
	return a / b + a % b + (unsigned)c / 3 + d * 7 + (a > b ? a : b);
}

/* Long enough that its branches need rel32. */
int big(int *v, int n)
{
	int r = 0, i;

	for (i = 0; i < n; i++) {
#define STEP(k) if (v[i] == k) r += v[i] * k + classify(k); else r ^= k;
#define TEN(k) STEP(k) STEP(k + 1) STEP(k + 2) STEP(k + 3) STEP(k + 4) \
		STEP(k + 5) STEP(k + 6) STEP(k + 7) STEP(k + 8) STEP(k + 9)
		TEN(0) TEN(10) TEN(20) TEN(30) TEN(40) TEN(50)
	}
	return r;
}

int indirect(int (*f)(int), int x)
{
	return f(x) + f(x + 1);
}

double fp(double a, float b, long c)
{
	return a * b + (double)c / 3.0 + __builtin_sqrt(a);
}

__int128 wide(__int128 a, __int128 b)
{
	return a * b + (a >> 3);
}
