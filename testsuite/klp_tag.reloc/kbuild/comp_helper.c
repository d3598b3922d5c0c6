// SPDX-License-Identifier: GPL-2.0-or-later
/* comp_helper.c - the second file of the composite module (comp_main.c). */
extern char *saved_command_line;

const char *klp_reloc_comp_cmdline(void)
{
	return saved_command_line;
}
