// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the helpers (util.h). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"
#include "util.h"

int main(void)
{
	char path[] = "/tmp/klp-unit-util.XXXXXX", *data = NULL;
	size_t len = 0, cap = 0, i, reallocs = 0;
	int *v = NULL, fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	UNIT_CHECK("scratch file", f != NULL);
	if (!f)
		return 1;
	for (i = 0; i < 100000; i++)
		fputc('a' + (int)(i % 26), f);
	fclose(f);
	UNIT_CHECK("whole file read", klp_read_file(path, &data, &len) == 0 && len == 100000);
	UNIT_CHECK("bytes as written", data && data[0] == 'a' && data[99999] == 'a' + 99999 % 26);
	UNIT_CHECK("NUL after the data", data && data[len] == '\0');
	free(data);
	remove(path);
	UNIT_CHECK("missing file gives errno", klp_read_file(path, &data, &len) == ENOENT);

	for (i = 0; i < 100000; i++) {
		size_t before = cap;
		int *grown = klp_grow(v, &cap, i + 1, sizeof(*v));

		if (!grown)
			break;
		reallocs += cap != before;
		v = grown;
		v[i] = (int)i;
	}
	UNIT_CHECK("array grew to 100000", i == 100000 && cap >= 100000 && v[99999] == 99999);
	UNIT_CHECK("growth is geometric (few reallocations)", reallocs <= 20);
	UNIT_CHECK("overflow refused", klp_grow(v, &cap, SIZE_MAX / 2, sizeof(*v)) == NULL &&
				       cap >= 100000);
	free(v);
	return unit_failures ? 1 : 0;
}
