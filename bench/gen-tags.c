// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * gen-tags - write a tag file of a given number of lines, for the tag-file
 * benchmark (bench/run.sh).
 *
 *   gen-tags LINES [FUNCTION OBJECT]... > tags
 *
 * The pairs given on the command line come first (the functions the
 * compiled unit really has); the other lines name functions the unit does
 * not have, as a project-wide tag file shared by many units would: one
 * line in a thousand is a comment and one a blank line, the rest are
 * `FUNCTION OBJECT` pairs spread over eight objects, with identifiers as
 * long as typical kernel ones (20 to 40 characters).
 */
#include <stdio.h>
#include <stdlib.h>

static const char *const objects[] = {
	"vmlinux", "ext4", "xfs", "nfsd", "kvm_amd", "i915", "btrfs", "livepatch_shadow_mod",
};
static const char *const stems[] = {
	"do_sys_open", "ext4_file_write_iter", "xfs_inode_item_format", "nfsd4_process_open2",
	"svm_vcpu_run", "intel_atomic_commit_tail", "btrfs_search_slot", "shadow_leak_ctor",
};

int main(int argc, char **argv)
{
	unsigned long lines, i, written = 0;
	char *end;
	int a;

	if (argc < 2 || argc % 2 != 0 || (lines = strtoul(argv[1], &end, 10)) == 0 || *end) {
		fprintf(stderr, "usage: gen-tags LINES [FUNCTION OBJECT]...\n");
		return 2;
	}
	for (a = 2; a + 1 < argc && written < lines; a += 2, written++)
		printf("%s %s\n", argv[a], argv[a + 1]);
	for (i = 0; written < lines; i++, written++) {
		if (i % 1000 == 0)
			printf("# absent functions, block %lu\n", i / 1000);
		else if (i % 1000 == 500)
			putchar('\n');
		else
			printf("klp_absent_%s_%lu\t%s\n", stems[i % 8], i, objects[(i / 8) % 8]);
	}
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
