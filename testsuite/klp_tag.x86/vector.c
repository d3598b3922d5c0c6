// SPDX-License-Identifier: GPL-2.0-or-later
/* Loops for the vectorizer (-O3 and a -march). */
void saxpy(float *restrict y, const float *restrict x, float a, int n)
{
	for (int i = 0; i < n; i++)
		y[i] += a * x[i];
}

long sum(const int *v, int n)
{
	long s = 0;
	for (int i = 0; i < n; i++)
		s += v[i] > 0 ? v[i] : -v[i];
	return s;
}

void bytes(unsigned char *restrict d, const unsigned char *restrict s, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = (unsigned char)((s[i] * 3 + (s[i] >> 2)) ^ 0x5a);
}

double dot(const double *a, const double *b, int n)
{
	double s = 0;
	for (int i = 0; i < n; i++)
		s += a[i] * b[i];
	return s;
}

void gather(int *restrict d, const int *restrict s, const int *restrict idx, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = s[idx[i]] + 1;
}

int count(const char *s, int n, char c)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		k += s[i] == c;
	return k;
}

void shorts(short *restrict d, const short *restrict a, const short *restrict b, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = (short)((a[i] * b[i]) >> 4);
}
