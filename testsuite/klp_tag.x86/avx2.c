// SPDX-License-Identifier: GPL-2.0-or-later
/* AVX2, FMA and BMI intrinsics. */
#include <immintrin.h>

__m256i mix(__m256i a, __m256i b, const int *p, __m256i idx)
{
	__m256i g = _mm256_i32gather_epi32(p, idx, 4);
	__m256i s = _mm256_shuffle_epi8(a, b);
	__m256i t = _mm256_permute4x64_epi64(s, 0x4e);
	__m256i u = _mm256_blend_epi32(t, g, 0xaa);
	return _mm256_add_epi64(_mm256_srli_epi64(u, 7), _mm256_alignr_epi8(a, b, 3));
}

__m256d fmas(__m256d a, __m256d b, __m256d c)
{
	return _mm256_fmadd_pd(a, b, _mm256_fmsub_pd(c, a, b));
}

unsigned long bmi(unsigned long a, unsigned long b)
{
	return _pdep_u64(a, b) + _pext_u64(b, a) + _bzhi_u64(a, 13) + __andn_u64(a, b) +
	       _blsr_u64(a) + _mulx_u64(a, b, (unsigned long long *)&b) + ((a >> 9) | (a << 55));
}

int cmpmask(const char *s, char c)
{
	__m256i v = _mm256_loadu_si256((const __m256i *)s);
	__m256i k = _mm256_set1_epi8(c);
	return _mm256_movemask_epi8(_mm256_cmpeq_epi8(v, k));
}

__m128 cvt(__m256d a, __m128i h)
{
	return _mm_add_ps(_mm256_cvtpd_ps(a), _mm_cvtph_ps(h));
}
