// SPDX-License-Identifier: GPL-2.0-or-later
/* AVX-512 intrinsics: masks, broadcasts, compressed displacements, gathers. */
#include <immintrin.h>

__m512i f512(__m512i a, __m512i b, __mmask16 m, const int *p)
{
	__m512i g = _mm512_mask_i32gather_epi32(a, m, b, p, 4);
	__m512i t = _mm512_ternarylogic_epi32(a, b, g, 0x96);
	__m512i s = _mm512_maskz_add_epi32(m, t, _mm512_set1_epi32(p[3]));
	return _mm512_permutexvar_epi32(s, _mm512_shuffle_epi32(s, 0x1b));
}

__mmask16 cmp(__m512 a, __m512 b)
{
	return _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ) | _mm512_kor(_mm512_cmp_ps_mask(b, a, 3), 5);
}

__m512d dbl(const double *p, __m512d x)
{
	__m512d y = _mm512_loadu_pd(p + 8);
	return _mm512_fmadd_round_pd(x, y, _mm512_broadcastsd_pd(_mm_load_sd(p + 1)),
				     _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
}

__m256i bw(__m256i a, __m256i b, __mmask32 k)
{
	return _mm256_mask_blend_epi8(k, _mm256_adds_epu8(a, b), _mm256_alignr_epi8(a, b, 5));
}

void scatter(int *p, __m512i idx, __m512i v)
{
	_mm512_i32scatter_epi32(p, idx, v, 4);
	_mm512_mask_compressstoreu_epi32(p + 64, 0x5555, v);
}

__m128i dq(__m512i a)
{
	return _mm512_extracti32x4_epi32(a, 2);
}

#if __GNUC__ >= 12
/* FP16 (EVEX maps 5 and 6), GCC 12 on. */
__attribute__((target("avx512fp16,avx512vl"))) __m512h half(__m512h a, __m512h b)
{
	return _mm512_fmadd_ph(a, b, _mm512_sqrt_ph(a));
}
#endif
